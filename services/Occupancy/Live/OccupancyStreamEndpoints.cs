namespace CivicHall.Occupancy.Live;

/// <summary><c>GET /api/v1/halls/{hallId}/occupancy/stream</c>: the floor now, then every change of it as it commits (server-sent events).</summary>
public static class OccupancyStreamEndpoints
{
    public static IEndpointRouteBuilder MapOccupancyStreamEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/halls/{hallId}/occupancy/stream", StreamOccupancy).WithName("StreamOccupancy").WithTags("Occupancy")
            .WithSummary("Live feed of the hall's floor (server-sent events)")
            .WithDescription(
                "`text/event-stream`: `event: snapshot` (the view of `GET …/occupancy`), then `event: change` for every change as it commits, "
                + "each with the hall's change sequence as `id`. The stream ends whenever it may have missed something; an `EventSource` "
                + "reconnects by itself (`retry:` 2 s) and starts from a new snapshot. `: keep-alive` comments every 15 s.")
            .ProducesProblems(StatusCodes.Status404NotFound, OccupancyProblems.HallUnknown)
            .ProducesProblems(StatusCodes.Status503ServiceUnavailable, OccupancyProblems.LiveFeedUnavailable, ProblemCodes.TemporarilyUnavailable);
        return app;
    }

    private static async Task<Results<OccupancyStreamResult, ProblemHttpResult>> StreamOccupancy(
        string hallId, OccupancyFeed feed, IServiceScopeFactory scopes, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        // Subscribe first, then read: every change committed after the snapshot's transaction began
        // is then in the subscription, and those it already holds are told apart by their sequence.
        var subscription = await feed.SubscribeAsync(hallId, cancellationToken);
        if (subscription is null)
        {
            return Problem.Of(StatusCodes.Status503ServiceUnavailable, OccupancyProblems.LiveFeedUnavailable, new Bilingual("实时推送暂未就绪，请稍后重试。", "The live feed is not listening; try again shortly."));
        }

        try
        {
            // A scope of its own: the stream may last hours and needs no database context meanwhile.
            OccupancyView? snapshot;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<OccupancyDbContext>();
                snapshot = await FloorEndpoints.ReadAsync(db, hallId, timeProvider.GetUtcNow(), cancellationToken);
            }

            if (snapshot is null)
            {
                subscription.Dispose();
                return OccupancyProblems.UnknownHall(hallId);
            }

            return new OccupancyStreamResult(subscription, snapshot);
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }
}
