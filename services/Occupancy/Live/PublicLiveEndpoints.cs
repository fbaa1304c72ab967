namespace CivicHall.Occupancy.Live;

/// <summary>
/// <c>/api/v1/public/halls/{hallId}/live</c>: the hall's totals and queue for anyone, without a token (the
/// door screen, the app before login): no zone, nobody, nothing personal. Served from memory
/// (<see cref="PublicLiveBoard"/>); the gateway rate-limits it per address.
/// </summary>
public static class PublicLiveEndpoints
{
    public const string Tag = "Public live view";

    public static IEndpointRouteBuilder MapPublicLiveEndpoints(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/api/v1/public/halls/{hallId}/live").WithTags(Tag).AllowAnonymous();
        live.MapGet("/", GetLive).WithName("GetPublicLive")
            .WithSummary("How busy the hall is now (anonymous)")
            .WithDescription("The hall's people inside, its capacity, the door queue's length and whether it is open on site, after the change `sequence`; "
                + "`at` is when they changed or were read (UTC). No token needed, no personal data or zone counts. Cached for 2 s (`Cache-Control`); "
                + "rate-limited per address at the gateway (429 `too_many_requests` with `Retry-After`).")
            .ProducesProblems(StatusCodes.Status404NotFound, OccupancyProblems.HallUnknown);
        live.MapGet("/stream", StreamLive).WithName("StreamPublicLive")
            .WithSummary("Live feed of how busy the hall is (server-sent events, anonymous)")
            .WithDescription("`text/event-stream`: `event: live` with the totals of `GET …/live` now, then again whenever they change, at most once a second, "
                + "each with the hall's change sequence as `id`; `: keep-alive` comments every 15 s. An `EventSource` reconnects by itself (`retry:` 2 s).")
            .ProducesProblems(StatusCodes.Status404NotFound, OccupancyProblems.HallUnknown);
        return app;
    }

    private static async Task<Results<Ok<PublicHallLive>, ProblemHttpResult>> GetLive(
        string hallId, PublicLiveBoard board, HttpContext context, CancellationToken cancellationToken)
    {
        var live = await board.GetAsync(hallId, cancellationToken);
        if (live is null)
        {
            return OccupancyProblems.UnknownHall(hallId);
        }

        context.Response.Headers.CacheControl = "public, max-age=2";
        return TypedResults.Ok(live);
    }

    private static async Task<Results<PublicLiveStreamResult, ProblemHttpResult>> StreamLive(
        string hallId, PublicLiveBoard board, CancellationToken cancellationToken) =>
        await board.GetAsync(hallId, cancellationToken) is null
            ? OccupancyProblems.UnknownHall(hallId)
            : new PublicLiveStreamResult(hallId);
}
