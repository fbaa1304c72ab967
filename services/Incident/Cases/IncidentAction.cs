namespace CivicHall.Incident.Cases;

/// <summary>
/// An action on a case's timeline that is not a state: the person's unit or street informed, the designated hospital
/// or 120 notified. Each once per case (the key), in any state before <c>closed</c>; the request's fingerprint lets the
/// same request again answer as a replay.
/// </summary>
public sealed class IncidentAction
{
    public required Guid IncidentId { get; init; }

    /// <summary>One of <see cref="IncidentActions"/>.</summary>
    public required string Action { get; init; }

    public DateTimeOffset At { get; init; }

    public required string By { get; init; }

    public required IncidentStepDetails Details { get; init; }

    public required string Fingerprint { get; init; }
}

/// <summary>The wire names of the actions (the path segments of <c>…/actions/{action}</c> are these with hyphens).</summary>
public static class IncidentActions
{
    public const string UnitInformed = "unit_informed";
    public const string HospitalNotified = "hospital_notified";
}

/// <summary>A call to the police (110) for a refusal case, by the client's <see cref="CallId"/> (idempotent).</summary>
public sealed class PoliceCall
{
    public required Guid CallId { get; init; }

    public required Guid IncidentId { get; init; }

    public required string CalledBy { get; init; }

    public DateTimeOffset CalledAt { get; init; }

    public string? Answer { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public required string Fingerprint { get; init; }
}
