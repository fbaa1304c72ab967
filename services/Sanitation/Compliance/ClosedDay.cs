namespace CivicHall.Sanitation.Compliance;

/// <summary>
/// A hall-day whose <c>SanitationDayClosed</c> was published: the primary key (hall, local date) makes the
/// close happen once however many replicas sweep; <see cref="Figures"/> keeps what was reported.
/// </summary>
public sealed class ClosedDay
{
    public required string HallId { get; init; }

    public DateOnly LocalDate { get; init; }

    public DateTimeOffset ClosedAt { get; init; }

    public required ComplianceView Figures { get; init; }
}
