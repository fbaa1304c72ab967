namespace CivicHall.Sanitation.Tasks;

/// <summary>
/// A hall-day's last generation: the fingerprint of the inputs it was generated from (<see cref="DayFingerprint"/>),
/// so the sweep leaves a day alone while none of them changed.
/// </summary>
public sealed class GeneratedDay
{
    public required string HallId { get; init; }

    public DateOnly LocalDate { get; init; }

    public required string Fingerprint { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }

    /// <summary>How many times the day was generated (explicit triggers and the sweep): what a pass that skips leaves as it was.</summary>
    public int Generations { get; set; }
}
