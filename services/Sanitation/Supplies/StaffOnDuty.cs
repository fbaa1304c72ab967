namespace CivicHall.Sanitation.Supplies;

/// <summary>
/// A staff member admitted at a hall's entrance on a local date (screening's <c>PersonAdmitted</c> with its
/// <c>staffId</c>): who is on duty that day, for the daily masks. The first admission of the day is kept.
/// </summary>
public sealed class StaffOnDuty
{
    public required string HallId { get; init; }

    public DateOnly LocalDate { get; init; }

    public required string StaffId { get; init; }

    /// <summary>The screening that admitted them first that day.</summary>
    public Guid ScreeningId { get; init; }

    public DateTimeOffset AdmittedAt { get; init; }
}
