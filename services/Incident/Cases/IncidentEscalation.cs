namespace CivicHall.Incident.Cases;

/// <summary>
/// A level of the chain <c>duty_leader → street_office → cdc</c> told of a case's missed deadline (or of a refusal or
/// a full isolation zone, at once). Keyed by (case, deadline, level): each level is raised once per deadline, however
/// many sweeps or requests race to raise it, and <c>IncidentEscalated</c> goes out only with the row that inserted.
/// </summary>
public sealed class IncidentEscalation
{
    public required Guid IncidentId { get; init; }

    /// <summary>One of <see cref="EscalationDeadlines"/>.</summary>
    public required string Deadline { get; init; }

    /// <summary>One of <see cref="EscalationLevels"/>.</summary>
    public required string Level { get; init; }

    public required string HallId { get; init; }

    /// <summary>When the level fell due (the deadline, plus one interval per level above the duty leader).</summary>
    public DateTimeOffset DueAt { get; init; }

    /// <summary>The incident policy version that set the deadline (0: the defaults).</summary>
    public int PolicyVersion { get; init; }

    public DateTimeOffset RaisedAt { get; init; }
}

/// <summary>What an escalation is about: a deadline missed, or something that escalates at once.</summary>
public static class EscalationDeadlines
{
    public const string Isolated = "isolated";
    public const string Reported = "reported";
    public const string HospitalNotified = "hospital_notified";

    /// <summary>A person refuses control measures after being dissuaded (at once, duty leader).</summary>
    public const string Refusal = "refusal";

    /// <summary>The isolation zone had no place left (at once, duty leader).</summary>
    public const string IsolationFull = "isolation_full";

    public static IReadOnlyList<string> All { get; } = [Isolated, Reported, HospitalNotified, Refusal, IsolationFull];
}

/// <summary>The chain a missed deadline climbs, one level per policy interval.</summary>
public static class EscalationLevels
{
    public const string DutyLeader = "duty_leader";
    public const string StreetOffice = "street_office";
    public const string Cdc = "cdc";

    /// <summary>In order: level <c>i</c> falls due at the deadline plus <c>i</c> intervals.</summary>
    public static IReadOnlyList<string> Chain { get; } = [DutyLeader, StreetOffice, Cdc];
}
