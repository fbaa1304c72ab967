using System.ComponentModel.DataAnnotations;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Paging;
using CivicHall.ServiceDefaults.PersonalData;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Occupancy.Floor;

/// <summary><c>/api/v1/halls/{hallId}/occupancy</c>, <c>…/queue</c>, <c>…/movements</c>: the floor now, the door queue, people moving between zones.</summary>
public static class FloorEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapFloorEndpoints(this IEndpointRouteBuilder app)
    {
        var hall = app.MapGroup("/api/v1/halls/{hallId}").WithTags("Occupancy");
        hall.MapGet("/occupancy", GetOccupancy).WithName("GetOccupancy")
            .WithSummary("How busy the hall is now (实时人流)")
            .WithDescription(
                "Per zone its count, capacity and state; the hall's totals, queue length, estimated wait, the day's reception and quota, and the "
                + "change `sequence` it was read at.")
            .ProducesProblems(StatusCodes.Status404NotFound, OccupancyProblems.HallUnknown);
        hall.MapGet("/queue", GetQueue).WithName("GetQueue")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Screener, Roles.WindowStaff, Roles.DutyLeader, Roles.Ops))
            .WithSummary("The door queue (排队区), in order")
            .WithDescription(
                "Priority groups (elderly, disabled) first, then in order of arrival, each with its ticket of the day and its `position` in the whole "
                + $"queue; `limit` (1–{MaxLimit}, {DefaultLimit}) and the previous page's `nextCursor`. The answer is `{{hallId, entries, nextCursor}}`.")
            .ProducesProblems(StatusCodes.Status404NotFound, OccupancyProblems.HallUnknown);
        hall.MapPost("/queue/{admissionId:guid}/leave", LeaveQueue).WithName("LeaveQueue")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Screener, Roles.DutyLeader))
            .WithSummary("Take someone who gave up out of the queue")
            .ProducesProblems(StatusCodes.Status404NotFound, OccupancyProblems.HallUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, OccupancyProblems.NotQueued);
        hall.MapPost("/movements", Move).WithName("RecordMovement")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Screener, Roles.DutyLeader))
            .WithSummary("Record a person inside entering another zone")
            .WithDescription("Only into an open zone with room.")
            .WithRequestExample("""
                {"idNumber": "990101198001011236", "toZoneId": "waiting-1"}
                """)
            .ProducesProblems(StatusCodes.Status404NotFound, OccupancyProblems.HallUnknown, OccupancyProblems.ZoneUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, OccupancyProblems.NotInside, OccupancyProblems.AlreadyThere, OccupancyProblems.ZoneClosed, OccupancyProblems.ZoneFull);
        return app;
    }

    private static async Task<Results<Ok<OccupancyView>, ProblemHttpResult>> GetOccupancy(
        string hallId, OccupancyDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var view = await ReadAsync(db, hallId, timeProvider.GetUtcNow(), cancellationToken);
        return view is null ? OccupancyProblems.UnknownHall(hallId) : TypedResults.Ok(view);
    }

    /// <summary>The floor as committed now, read in one snapshot (the live stream starts from it).</summary>
    public static async Task<OccupancyView?> ReadAsync(OccupancyDbContext db, string hallId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var state = await db.HallOccupancies.AsNoTracking().FirstOrDefaultAsync(h => h.HallId == hallId, cancellationToken);
        if (state is null)
        {
            return null;
        }

        var zones = await db.Zones.AsNoTracking().Where(z => z.HallId == hallId).OrderBy(z => z.ZoneId).ToListAsync(cancellationToken);
        double? wait = 0;
        if (state.QueueLength > 0)
        {
            var since = now.AddMinutes(-15);
            var exits = await db.Admissions.CountAsync(a => a.HallId == hallId && a.ExitedAt > since && a.ZoneId != null, cancellationToken);
            wait = exits == 0 ? null : Math.Round(state.QueueLength / (exits / 15.0), 1);
        }

        await transaction.CommitAsync(cancellationToken);
        return new OccupancyView(
            hallId, state.Sequence, state.OnSiteState, state.Inside, state.Capacity, state.QueueLength, wait, state.StaffPresent,
            state.ReceptionDate == HallTime.LocalDate(state.TimeZone, now) ? state.ReceivedToday : 0, state.DailyQuota, state.PolicyVersion,
            [.. zones.Select(ZoneView.From)], now);
    }

    private static async Task<Results<Ok<QueuePage>, ProblemHttpResult>> GetQueue(
        string hallId,
        [Range(1, MaxLimit)] int? limit,
        [StringLength(QueueCursor.Length)] string? cursor,
        OccupancyDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        PageQuery.CheckLimit(errors, limit, MaxLimit);
        var after = PageQuery.CheckCursor<QueueCursor>(errors, cursor, QueueCursor.TryParse);

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.HallOccupancies.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return OccupancyProblems.UnknownHall(hallId);
        }

        var queue = db.Admissions.AsNoTracking().Where(a => a.HallId == hallId && a.State == AdmissionState.Queued);
        var ahead = 0;
        if (after is { } c)
        {
            // Those at or before the cursor: the page's positions count on from them.
            ahead = await queue.CountAsync(a => a.QueueRank < c.Rank || (a.QueueRank == c.Rank && a.QueuedSeq <= c.Seq), cancellationToken);
            queue = queue.Where(a => a.QueueRank > c.Rank || (a.QueueRank == c.Rank && a.QueuedSeq > c.Seq));
        }

        var take = limit ?? DefaultLimit;
        var queued = await queue
            .OrderBy(a => a.QueueRank).ThenBy(a => a.QueuedSeq)
            .Select(a => new { a.Id, a.Ticket, a.PriorityGroup, a.ArrivedAt, a.QueueRank, a.QueuedSeq })
            .Take(take + 1)
            .ToListAsync(cancellationToken);
        var next = queued.Count > take ? new QueueCursor(queued[take - 1].QueueRank ?? 0, queued[take - 1].QueuedSeq ?? 0).Encode() : null;
        return TypedResults.Ok(new QueuePage(
            hallId, [.. queued.Take(take).Select((a, i) => new QueueEntry(ahead + i + 1, a.Ticket ?? 0, a.Id, a.PriorityGroup, a.ArrivedAt))], next));
    }

    /// <summary>A person in the door queue gives up: out of the queue, and their place in the day's quota freed.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> LeaveQueue(
        string hallId, Guid admissionId, FloorStore door, CancellationToken cancellationToken) =>
        await door.LeaveQueueAsync(hallId, admissionId, cancellationToken) switch
        {
            "left" => TypedResults.NoContent(),
            "hall_unknown" => OccupancyProblems.UnknownHall(hallId),
            _ => Problem.Of(StatusCodes.Status409Conflict, OccupancyProblems.NotQueued, new Bilingual(
                $"入场记录“{admissionId}”不在大厅“{hallId}”的排队区。", $"Admission '{admissionId}' is not waiting in the queue of hall '{hallId}'.")),
        };

    private static async Task<Results<Ok<OccupancyView>, ProblemHttpResult>> Move(
        string hallId,
        MovementRequest? request,
        FloorStore door,
        OccupancyDbContext db,
        PersonalDataProtector personalData,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var personKey = PersonKeys.Resolve(request?.IdNumber, request?.PersonKey, personalData, DateOnly.FromDateTime(now.UtcDateTime), out var errors);
        if (!Identifier.IsValid(request?.ToZoneId))
        {
            errors["toZoneId"] = ["The zone the person entered."];
        }

        if (personKey is null || errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var outcome = await door.MoveAsync(hallId, personKey, request!.ToZoneId!, cancellationToken);
        return outcome switch
        {
            "moved" => TypedResults.Ok((await ReadAsync(db, hallId, now, cancellationToken))!),
            "hall_unknown" => OccupancyProblems.UnknownHall(hallId),
            "zone_unknown" => OccupancyProblems.UnknownZone(hallId, request.ToZoneId!),
            "not_inside" => Problem.Of(StatusCodes.Status409Conflict, OccupancyProblems.NotInside, new Bilingual("该人员不在大厅内。", "The person is not inside the hall.")),
            "already_there" => Problem.Of(StatusCodes.Status409Conflict, OccupancyProblems.AlreadyThere,
                new Bilingual($"该人员已在区域“{request.ToZoneId}”。", $"The person is already in zone '{request.ToZoneId}'.")),
            "zone_closed" => Problem.Of(StatusCodes.Status409Conflict, OccupancyProblems.ZoneClosed, new Bilingual($"区域“{request.ToZoneId}”已关闭。", $"Zone '{request.ToZoneId}' is closed.")),
            _ => Problem.Of(StatusCodes.Status409Conflict, OccupancyProblems.ZoneFull, new Bilingual($"区域“{request.ToZoneId}”已满。", $"Zone '{request.ToZoneId}' is full.")),
        };
    }
}
