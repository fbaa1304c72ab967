namespace CivicHall.Incident.Tracing;

/// <summary>
/// One contact tracing of a case (issue 20), stored as a snapshot: the parameters it was run with (window, buffer,
/// entrance window, the policy version they came from), whether a source was missing or capped (then the list is
/// <see cref="Partial"/>, never a silent short list), the list itself (masked identities only, as jsonb) and the
/// person keys on it. Never changed once written; a case may be traced again (a new run).
/// </summary>
public sealed class TracingRun
{
    /// <summary>UUID v7 (time-ordered).</summary>
    public required Guid TracingId { get; init; }

    public required Guid IncidentId { get; init; }

    public required string HallId { get; init; }

    /// <summary>Screening's key of the case's person.</summary>
    public required string PersonKey { get; init; }

    /// <summary>Start of the exposure window traced: <c>tracingDaysBefore</c> days before the visit's day.</summary>
    public DateTimeOffset WindowFrom { get; init; }

    /// <summary>End of the exposure window: the end of the case's visit (the notice's last day, or the case's opening).</summary>
    public DateTimeOffset WindowTo { get; init; }

    /// <summary>Minutes each of the case's stays was widened by, on both sides.</summary>
    public int BufferMinutes { get; init; }

    /// <summary>Minutes either side of the case's screening within which someone in the same lane is an entrance contact.</summary>
    public int EntranceWindowMinutes { get; init; }

    /// <summary>The incident policy version the parameters came from (0: the defaults).</summary>
    public int PolicyVersion { get; init; }

    /// <summary>True when a source was unreachable or capped its answer: the list may be short, and says so.</summary>
    public bool Partial { get; init; }

    /// <summary>The sources that did not answer: <c>occupancy</c>, <c>screening</c>, <c>booking</c>.</summary>
    public List<string> MissingSources { get; init; } = [];

    /// <summary>The sources that answered but capped their answer (<c>Truncated</c>).</summary>
    public List<string> TruncatedSources { get; init; } = [];

    /// <summary>The list, masked (jsonb).</summary>
    public required TracingList Contacts { get; init; }

    /// <summary>Every person key on the list (each once, ordered), for holds and the clear export.</summary>
    public List<string> PersonKeys { get; init; } = [];

    /// <summary>The token's subject that ran it.</summary>
    public required string CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
