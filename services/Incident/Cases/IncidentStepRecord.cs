using System.Text.Json.Serialization;

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

/// <summary>
/// What a step (or another timeline entry: an action, an escalation, a police call) records; only the fields of its
/// own entry are set. The fields after <see cref="Notes"/> are left out of the JSON when null, so the stored steps'
/// fingerprints stay what they were.
/// </summary>
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

    /// <summary>opened (case notice): the authority that sent the notice.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Authority { get; init; }

    /// <summary>opened (case notice): <c>suspected</c> or <c>confirmed</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NoticeStatus { get; init; }

    /// <summary>opened (case notice): the days the person was in the hall.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DateOnly>? Days { get; init; }

    /// <summary>unit_informed: the unit or street (单位或街道) told.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>unit_informed: how (phone, in person, …).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? How { get; init; }

    /// <summary>hospital_notified: <c>hospital</c> (the designated hospital) or <c>120</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Via { get; init; }

    /// <summary>hospital_notified: who took the call.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Whom { get; init; }

    /// <summary>hospital_notified, police_called: what was answered.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Answer { get; init; }

    /// <summary>escalated: the deadline missed (or <c>refusal</c>, <c>isolation_full</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Deadline { get; init; }

    /// <summary>escalated: who was told (<c>duty_leader</c>, <c>street_office</c>, <c>cdc</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Level { get; init; }

    /// <summary>escalated: when the level fell due.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>escalated: the policy version that set the deadline.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? PolicyVersion { get; init; }

    /// <summary>police_called: the client's id of the call.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? CallId { get; init; }

    /// <summary>police_called: when 110 was called.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? CalledAt { get; init; }
}
