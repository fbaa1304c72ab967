namespace CivicHall.Screening.Decisions;

/// <summary>
/// What the rules look at: one reading at the entrance, with what the service knows of the person
/// (age from the ID number, bookings from the booking projection). Free of clear personal data.
/// </summary>
public sealed record ScreeningFacts
{
    public required string PersonKind { get; init; }

    /// <summary>When the reading was taken; the policy in force then decides.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Age in whole years on the day of the reading, from the ID number.</summary>
    public required int Age { get; init; }

    public bool RegisteredDisabled { get; init; }

    /// <summary>green, yellow, red, or none when no code could be shown (<see cref="HealthCodes"/>).</summary>
    public required string HealthCode { get; init; }

    /// <summary>The person showed the 随申办 offline code with their ID instead of a live code.</summary>
    public bool OfflineCode { get; init; }

    public DateTimeOffset? TestAt { get; init; }

    /// <summary>negative or positive (<see cref="TestResults"/>).</summary>
    public string? TestResult { get; init; }

    public DateTimeOffset? AntigenAt { get; init; }

    public string? AntigenResult { get; init; }

    public required decimal TemperatureC { get; init; }

    public required bool Mask { get; init; }

    public IReadOnlyList<string> Symptoms { get; init; } = [];

    /// <summary>Vaccine doses on the staff member's health file; null when there is no file.</summary>
    public int? VaccinationDoses { get; init; }

    /// <summary>A duty leader recorded on the health file that this person is exempt from vaccination.</summary>
    public bool VaccinationExempt { get; init; }

    /// <summary>This reading re-takes the temperature of an earlier one that asked for a retest.</summary>
    public bool IsRetest { get; init; }

    /// <summary>The person's active bookings at this hall that day (confirmed or checked in).</summary>
    public IReadOnlyList<BookedVisit> Bookings { get; init; } = [];
}

/// <summary>A booking as the booking projection knows it: its slot, and whether it is a green-channel one.</summary>
public sealed record BookedVisit(DateTimeOffset SlotStartsAt, DateTimeOffset SlotEndsAt, bool GreenChannel);

public static class HealthCodes
{
    public const string Green = "green";
    public const string Yellow = "yellow";
    public const string Red = "red";
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [Green, Yellow, Red, None];
}

public static class TestResults
{
    public const string Negative = "negative";
    public const string Positive = "positive";

    public static readonly IReadOnlyList<string> All = [Negative, Positive];
}
