namespace CivicHall.Incident.Cases;

/// <summary>
/// One entry of a case's timeline: the state it reached (<c>opened</c>, <c>isolated</c>, …), when, by whom, with
/// its details (JSON). Each step once per case (the key); the fingerprint of the request that made it lets the
/// same request again answer as a replay.
/// </summary>
public sealed class IncidentStepRecord
{
    public required Guid IncidentId { get; init; }

    public IncidentState Step { get; init; }

    public DateTimeOffset At { get; init; }

    public required string By { get; init; }

    public required IncidentStepDetails Details { get; init; }

    public string? Fingerprint { get; init; }
}

/// <summary>What a step records; only the fields of its own step are set.</summary>
public sealed record IncidentStepDetails
{
    /// <summary>opened: the zone where it happened, or (isolated) the isolation zone.</summary>
    public string? ZoneId { get; init; }

    /// <summary>opened (automatic): the screening rules that decided isolation.</summary>
    public IReadOnlyList<string>? Rules { get; init; }

    /// <summary>opened (automatic): the temperature read, °C.</summary>
    public decimal? TemperatureC { get; init; }

    /// <summary>isolated: who escorted the person.</summary>
    public IReadOnlyList<string>? EscortingStaff { get; init; }

    /// <summary>reported: the leadership group members told.</summary>
    public IReadOnlyList<string>? Leadership { get; init; }

    /// <summary>reported: the person's unit or street (单位或街道) informed.</summary>
    public string? UnitOrStreet { get; init; }

    /// <summary>opened (by hand) or reported: what happened.</summary>
    public string? Summary { get; init; }

    /// <summary>transferred: <c>hospital</c>, <c>home_observation</c> or <c>released</c>.</summary>
    public string? Destination { get; init; }

    /// <summary>transferred: the hospital, address or whoever took the person over.</summary>
    public string? DestinationDetails { get; init; }

    /// <summary>closed: the outcome.</summary>
    public string? Outcome { get; init; }

    public string? Notes { get; init; }
}
