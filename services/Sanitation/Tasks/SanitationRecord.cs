namespace CivicHall.Sanitation.Tasks;

/// <summary>
/// What a member of staff did (消杀记录): where, how, with which agent at what measured strength, from when
/// to when, by whom, with evidence. Keyed by the client's <see cref="RecordId"/>, so sending it again
/// replays it; <see cref="Fingerprint"/> tells the same body from another. A record with a
/// <see cref="TaskId"/> completed that task; without one it is ad hoc.
/// </summary>
public sealed class SanitationRecord
{
    public Guid RecordId { get; init; }

    public required string HallId { get; init; }

    /// <summary>The hall's local date at <see cref="StartedAt"/>: the list's day.</summary>
    public DateOnly LocalDate { get; init; }

    public Guid? TaskId { get; init; }

    public required string ZoneId { get; init; }

    public required string Method { get; init; }

    public string? Agent { get; init; }

    public decimal? Strength { get; init; }

    public string? StrengthUnit { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset EndedAt { get; init; }

    /// <summary>The token's subject.</summary>
    public required string RecordedBy { get; init; }

    /// <summary><c>sha256:&lt;64 hex&gt;</c> of a photo, or an https URL.</summary>
    public string? Evidence { get; init; }

    public string? Notes { get; init; }

    /// <summary>SHA-256 of the request's values: the same recordId with another body is refused.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>What the record did to its task: <c>done</c>, <c>late</c>, <c>recorded</c> (awaiting confirmation), or <c>ad_hoc</c>.</summary>
    public required string Outcome { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
