using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Occupancy.Containment;

/// <summary>
/// <c>/api/v1/halls/{hallId}/zones/{zoneId}</c>: a duty leader closes a zone on the spot, or reopens one
/// before its disinfection is recorded (an override, audited); the people inside a zone, to move them out.
/// </summary>
public static class ZoneEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapZoneEndpoints(this IEndpointRouteBuilder app)
    {
        var zone = app.MapGroup("/api/v1/halls/{hallId}/zones/{zoneId}").WithTags("Zones")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops));
        zone.MapPost("/closure", Close).WithName("CloseZone")
            .WithSummary("Close a zone")
            .WithDescription("Its capacity becomes 0 and its people are listed at `…/occupants` to be moved out; the reason is kept on record.")
            .WithRequestExample("""
                {"reason": "发现发热人员，等待终末消毒"}
                """)
            .ProducesProblems(StatusCodes.Status404NotFound, OccupancyProblems.HallUnknown, OccupancyProblems.ZoneUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, OccupancyProblems.ZoneClosed);
        zone.MapPost("/reopening", Reopen).WithName("ReopenZone")
            .WithSummary("Reopen a closed zone (override)")
            .WithDescription("A duty leader's override of the wait for its terminal disinfection (`ZoneSanitized`); the reason is kept on record.")
            .WithRequestExample("""
                {"reason": "消毒已完成，纸质记录已核对"}
                """)
            .ProducesProblems(StatusCodes.Status404NotFound, OccupancyProblems.HallUnknown, OccupancyProblems.ZoneUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, OccupancyProblems.ZoneNotClosed);
        zone.MapGet("/occupants", Occupants).WithName("GetZoneOccupants")
            .WithSummary("Who is inside a zone")
            .WithDescription(
                "By person key and kind, since when: the people to move out of a closed zone. Longest there first (by `since`, then the stay's "
                + $"order of record); `limit` (1–{MaxLimit}, {DefaultLimit}) and the previous page's `nextCursor`. The answer is "
                + "`{hallId, zoneId, occupants, nextCursor}`.")
            .ProducesProblems(StatusCodes.Status404NotFound, OccupancyProblems.HallUnknown, OccupancyProblems.ZoneUnknown);
        return app;
    }

    /// <summary>Why a zone is closed or reopened: kept on record.</summary>
    public sealed record ZoneActionRequest([Required, StringLength(500, MinimumLength = 1)] string? Reason);

    private static async Task<Results<Ok<ZoneView>, ProblemHttpResult>> Close(
        string hallId, string zoneId, ZoneActionRequest? request, ClaimsPrincipal user, OccupancyDbContext db, FloorStore door,
        TimeProvider timeProvider, CancellationToken cancellationToken) =>
        await ActAsync(hallId, zoneId, request, "closed", user, db, timeProvider,
            () => door.CloseZoneAsync(hallId, zoneId, request!.Reason!.Trim(), null, null, cancellationToken), cancellationToken);

    /// <summary>Reopens a closed zone before <c>ZoneSanitized</c>: only with a reason, which is kept with the leader's name.</summary>
    private static async Task<Results<Ok<ZoneView>, ProblemHttpResult>> Reopen(
        string hallId, string zoneId, ZoneActionRequest? request, ClaimsPrincipal user, OccupancyDbContext db, FloorStore door,
        TimeProvider timeProvider, CancellationToken cancellationToken) =>
        await ActAsync(hallId, zoneId, request, "reopened_override", user, db, timeProvider,
            () => door.ReopenZoneAsync(hallId, zoneId, ZoneReopenings.Override, user.Subject(), cancellationToken), cancellationToken);

    private static async Task<Results<Ok<ZoneView>, ProblemHttpResult>> ActAsync(
        string hallId, string zoneId, ZoneActionRequest? request, string action, ClaimsPrincipal user, OccupancyDbContext db,
        TimeProvider timeProvider, Func<Task<string>> act, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Trim().Length > 500)
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["reason"] = ["Why, in up to 500 characters: it is kept on record."] });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await act();
        switch (outcome)
        {
            case "hall_unknown":
                return OccupancyProblems.UnknownHall(hallId);
            case "zone_unknown":
                return OccupancyProblems.UnknownZone(hallId, zoneId);
            case "already_closed":
                return Problem.Of(StatusCodes.Status409Conflict, OccupancyProblems.ZoneClosed, new Bilingual($"区域“{zoneId}”已经关闭。", $"Zone '{zoneId}' is already closed."));
            case "not_closed":
                return Problem.Of(StatusCodes.Status409Conflict, OccupancyProblems.ZoneNotClosed, new Bilingual($"区域“{zoneId}”未关闭。", $"Zone '{zoneId}' is not closed."));
        }

        db.Add(new ZoneAuditEntry
        {
            HallId = hallId,
            ZoneId = zoneId,
            Action = action,
            By = user.Subject(),
            Reason = request.Reason.Trim(),
            At = timeProvider.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var zone = await db.Zones.AsNoTracking().FirstAsync(z => z.HallId == hallId && z.ZoneId == zoneId, cancellationToken);
        return TypedResults.Ok(ZoneView.From(zone));
    }

    private static async Task<Results<Ok<ZoneOccupants>, ProblemHttpResult>> Occupants(
        string hallId,
        string zoneId,
        [Range(1, MaxLimit)] int? limit,
        [StringLength(OccupantCursor.Length)] string? cursor,
        OccupancyDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        PageQuery.CheckLimit(errors, limit, MaxLimit);
        var after = PageQuery.CheckCursor<OccupantCursor>(errors, cursor, OccupantCursor.TryParse);

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.HallOccupancies.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return OccupancyProblems.UnknownHall(hallId);
        }

        if (!await db.Zones.AnyAsync(z => z.HallId == hallId && z.ZoneId == zoneId, cancellationToken))
        {
            return OccupancyProblems.UnknownZone(hallId, zoneId);
        }

        var stays = db.ZonePresences.Where(p => p.LeftAt == null);
        if (after is { } c)
        {
            stays = stays.Where(p => p.EnteredAt > c.EnteredAt || (p.EnteredAt == c.EnteredAt && p.Id > c.StayId));
        }

        var take = limit ?? DefaultLimit;
        var occupants = await db.Admissions.AsNoTracking()
            .Where(a => a.HallId == hallId && a.ZoneId == zoneId && a.State == AdmissionState.Inside)
            .Join(stays, a => a.Id, p => p.AdmissionId, (a, p) => new { a.Id, a.PersonKey, a.PersonKind, p.EnteredAt, StayId = p.Id })
            .OrderBy(o => o.EnteredAt).ThenBy(o => o.StayId)
            .Take(take + 1)
            .ToListAsync(cancellationToken);
        var next = occupants.Count > take ? new OccupantCursor(occupants[take - 1].EnteredAt, occupants[take - 1].StayId).Encode() : null;
        return TypedResults.Ok(new ZoneOccupants(
            hallId, zoneId, [.. occupants.Take(take).Select(o => new Occupant(o.Id, o.PersonKey, o.PersonKind, o.EnteredAt))], next));
    }
}
