using CivicHall.Sanitation.Plans;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Sanitation.Supplies;

/// <summary><c>GET …/supplies/daily-masks</c>: which on-duty staff have not received their mask of the day (seed 002 §三).</summary>
public static class DailyMaskEndpoints
{
    public static IEndpointRouteBuilder MapDailyMaskEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/halls/{hallId}/sanitation/supplies/daily-masks", ListDailyMasks).WithName("ListSanitationDailyMasks")
            .WithTags("Sanitation supplies")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader, Roles.Ops))
            .WithSummary("Read who has had the day's mask")
            .WithDescription(
                "The staff on duty on `date` (the hall's local date; today when omitted): those screening admitted at the entrance that day, by the `staffId` of " +
                "their health file. Each with `masksIssued`, the count of the plan's `maskItemId` issued to them that local day, and `received` (at least one); " +
                "the ones without first, then by `staffId`. `required` is the plan's `dailyMaskPerStaff` (seed 002: at least one mask a day for every on-duty staff member). Not paged: it holds the staff of one hall-day, no more than the hall employs.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown);
        return app;
    }

    private static async Task<Results<Ok<DailyMaskList>, ProblemHttpResult>> ListDailyMasks(
        string hallId, DateOnly? date, SanitationDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!SanitationHall.CheckDate(errors, date))
        {
            return Problem.Validation(errors);
        }

        if (await db.Halls.FindKnownAsync(hallId, cancellationToken) is not { } known)
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        var hall = SanitationHall.From(known);
        var now = timeProvider.GetUtcNow();
        var day = date ?? hall.DateAt(now);
        // The plan of that day: the version in force at its end, or now while it lasts.
        var dayEnd = hall.At(day.AddDays(1), TimeOnly.MinValue);
        var plan = await SanitationPlans.InForceAsync(db, hallId, dayEnd < now ? dayEnd : now, cancellationToken);
        var onDuty = await db.StaffOnDuty.AsNoTracking().Where(d => d.HallId == hallId && d.LocalDate == day).ToListAsync(cancellationToken);
        var staffIds = onDuty.Select(d => d.StaffId).ToList();
        var issued = await db.SupplyMovements.AsNoTracking()
            .Where(m => m.HallId == hallId && m.LocalDate == day && m.Kind == SupplyMovementKind.Issue && m.ItemId == plan.MaskItemId && staffIds.Contains(m.StaffId!))
            .GroupBy(m => m.StaffId!).Select(g => new { StaffId = g.Key, Count = g.Sum(m => m.Count) })
            .ToDictionaryAsync(g => g.StaffId, g => g.Count, cancellationToken);
        var staff = onDuty
            .Select(d => new DailyMaskStaff(d.StaffId, d.AdmittedAt, issued.GetValueOrDefault(d.StaffId), issued.GetValueOrDefault(d.StaffId) > 0))
            .OrderBy(s => s.Received).ThenBy(s => s.StaffId, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new DailyMaskList(hallId, day, plan.DailyMaskPerStaff, plan.MaskItemId, staff.Count, staff.Count(s => !s.Received), staff));
    }
}
