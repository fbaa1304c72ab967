using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Occupancy.Containment;

/// <summary>
/// <c>/api/v1/halls/{hallId}/zones/{zoneId}</c>: a duty leader closes a zone on the spot, or reopens one
/// before its disinfection is recorded (an override, audited); the people inside a zone, to move them out.
/// </summary>
public static class ZoneEndpoints
{
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
            .WithDescription("By person key and kind, since when: the people to move out of a closed zone.")
            .ProducesProblems(StatusCodes.Status404NotFound, OccupancyProblems.ZoneUnknown);
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
                return FloorEndpoints.HallUnknown(hallId);
            case "zone_unknown":
                return Problem.Of(StatusCodes.Status404NotFound, OccupancyProblems.ZoneUnknown, $"Hall '{hallId}' has no zone '{zoneId}'.");
            case "already_closed":
                return Problem.Of(StatusCodes.Status409Conflict, OccupancyProblems.ZoneClosed, $"Zone '{zoneId}' is already closed.");
            case "not_closed":
                return Problem.Of(StatusCodes.Status409Conflict, OccupancyProblems.ZoneNotClosed, $"Zone '{zoneId}' is not closed.");
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

    private static async Task<Results<Ok<Occupant[]>, ProblemHttpResult>> Occupants(
        string hallId, string zoneId, OccupancyDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Zones.AnyAsync(z => z.HallId == hallId && z.ZoneId == zoneId, cancellationToken))
        {
            return Problem.Of(StatusCodes.Status404NotFound, OccupancyProblems.ZoneUnknown, $"Hall '{hallId}' has no zone '{zoneId}'.");
        }

        var occupants = await db.Admissions.AsNoTracking()
            .Where(a => a.HallId == hallId && a.ZoneId == zoneId && a.State == AdmissionState.Inside)
            .Join(db.ZonePresences.Where(p => p.LeftAt == null), a => a.Id, p => p.AdmissionId, (a, p) => new { a.Id, a.PersonKey, a.PersonKind, p.EnteredAt })
            .OrderBy(o => o.EnteredAt)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(occupants.Select(o => new Occupant(o.Id, o.PersonKey, o.PersonKind, o.EnteredAt)).ToArray());
    }
}
