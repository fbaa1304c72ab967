namespace CivicHall.Incident.Cases;

/// <summary>
/// A case (应急事件) of a hall: what opened it, the person by screening's key (never a clear ID number), where it
/// stands and its timeline (<see cref="IncidentStepRecord"/>). The state moves on only by the conditional UPDATE of
/// <see cref="IncidentStore.StepAsync"/>; an automatic case keeps its <see cref="ScreeningId"/>, unique, so a reading
/// opens one case however often it is delivered.
/// </summary>
public sealed class IncidentCase
{
    public required Guid IncidentId { get; init; }

    public required string HallId { get; init; }

    public IncidentKind Kind { get; init; }

    public IncidentState State { get; private set; }

    /// <summary>Screening's key of the person (a keyed hash), when the case has one.</summary>
    public string? PersonKey { get; init; }

    /// <summary><c>visitor</c> or <c>staff</c>, as screening gave it.</summary>
    public string? PersonKind { get; init; }

    /// <summary>The reading that opened an automatic case (unique): null for a case opened by hand.</summary>
    public Guid? ScreeningId { get; init; }

    /// <summary>Where in the hall it happened, when given.</summary>
    public string? ZoneId { get; init; }

    public string? Summary { get; init; }

    /// <summary>The isolation zone the person is held in, from the <c>isolated</c> step on (its places are counted).</summary>
    public string? IsolationZoneId { get; private set; }

    /// <summary>Of a case notice: the person's ID number encrypted (AES-256-GCM) for authorised display; never in clear.</summary>
    public string? IdNumberEncrypted { get; init; }

    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>The token's subject, or <c>system:screening</c> for an automatic case.</summary>
    public required string OpenedBy { get; init; }

    /// <summary>Of the request that opened a case by hand: the same incidentId with another body is refused.</summary>
    public string? Fingerprint { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>A new case, <c>opened</c>.</summary>
    public static IncidentCase Open(
        Guid incidentId, string hallId, IncidentKind kind, string openedBy, DateTimeOffset now,
        string? zoneId = null, string? summary = null, string? personKey = null, string? personKind = null, Guid? screeningId = null, string? fingerprint = null,
        string? idNumberEncrypted = null) =>
        new()
        {
            IncidentId = incidentId,
            HallId = hallId,
            Kind = kind,
            State = IncidentState.Opened,
            PersonKey = personKey,
            PersonKind = personKind,
            ScreeningId = screeningId,
            ZoneId = zoneId,
            Summary = summary,
            OpenedAt = now,
            OpenedBy = openedBy,
            Fingerprint = fingerprint,
            IdNumberEncrypted = idNumberEncrypted,
            UpdatedAt = now,
        };

    /// <summary>Whether a step to <paramref name="to"/> may be taken now: only from the state before it, in its kind's order.</summary>
    public bool Allows(IncidentState to) => IncidentStates.Before(Kind, to) == State;

    /// <summary>The steps this case may take next (a case notice skips isolation and transfer).</summary>
    public IReadOnlyList<string> NextSteps => IncidentStates.NextSteps(Kind, State);
}
