using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace CivicHall.Incident.Cases;

/// <summary>A case opened by hand (<c>POST /api/v1/incidents</c>); who and when are the token's subject and now.</summary>
public sealed record OpenIncidentRequest(
    [Required, Description("A UUID the client makes for the case: the same id and body again replays the first answer (200), another body is 409 `incident_id_reused`.")] Guid? IncidentId,
    [Required, Identifier] string? HallId,
    [Required, AllowedValues(IncidentKinds.AbnormalScreening, IncidentKinds.Refusal, IncidentKinds.StaffSymptoms), Description("`case_notice` is not opened by hand.")] string? Kind,
    [Identifier, Description("Where in the hall it happened; a zone of the hall, or left out.")] string? ZoneId,
    [Required, StringLength(IncidentValidation.MaxText), Description("What happened.")] string? Summary);

/// <summary>The person taken to the hall's isolation zone (<c>POST …/steps/isolated</c>).</summary>
public sealed record IsolateIncidentRequest(
    [Required, Identifier, Description("A zone of kind `isolation` of the case's hall.")] string? ZoneId,
    [Required, Length(1, IncidentValidation.MaxNames), Items(MaxLength = IncidentValidation.MaxName), Description("Who escorted the person (names or staff ids).")] IReadOnlyList<string>? EscortingStaff,
    [StringLength(IncidentValidation.MaxText)] string? Notes);

/// <summary>Reported to the hall's leadership group and the person's unit or street (<c>POST …/steps/reported</c>).</summary>
public sealed record ReportIncidentRequest(
    [Required, Length(1, IncidentValidation.MaxNames), Items(MaxLength = IncidentValidation.MaxName), Description("The leadership group members told.")] IReadOnlyList<string>? Leadership,
    [Required, StringLength(IncidentValidation.MaxShort), Description("The person's unit or street (单位或街道) informed.")] string? UnitOrStreet,
    [Required, StringLength(IncidentValidation.MaxText)] string? Summary,
    [StringLength(IncidentValidation.MaxText)] string? Notes);

/// <summary>The person handed over (<c>POST …/steps/transferred</c>).</summary>
public sealed record TransferIncidentRequest(
    [Required, AllowedValues(TransferDestinations.Hospital, TransferDestinations.HomeObservation, TransferDestinations.Released)] string? Destination,
    [StringLength(IncidentValidation.MaxShort), Description("The hospital, the address of home observation, or who took the person over.")] string? DestinationDetails,
    [StringLength(IncidentValidation.MaxText)] string? Notes);

/// <summary>The case closed (<c>POST …/steps/closed</c>).</summary>
public sealed record CloseIncidentRequest(
    [Required, StringLength(IncidentValidation.MaxText), Description("How the case ended.")] string? Outcome,
    [StringLength(IncidentValidation.MaxText)] string? Notes);

/// <summary>
/// An entry of the timeline: a step (the state reached), an action (<c>unit_informed</c>, <c>hospital_notified</c>), an
/// escalation (<c>escalated</c>) or a police call (<c>police_called</c>): when, by whom, with its details.
/// </summary>
public sealed record IncidentStepView(
    [AllowedValues(IncidentStates.Opened, IncidentStates.Isolated, IncidentStates.Reported, IncidentStates.Transferred, IncidentStates.Closed,
        IncidentActions.UnitInformed, IncidentActions.HospitalNotified, TimelineEntries.Escalated, TimelineEntries.PoliceCalled)] string Step,
    DateTimeOffset At,
    string By,
    IncidentStepDetails Details)
{
    public static IncidentStepView From(IncidentStepRecord step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new(EnumText.Of(step.Step), step.At, step.By, step.Details);
    }
}

/// <summary>The timeline entries that are neither steps nor actions.</summary>
public static class TimelineEntries
{
    public const string Escalated = "escalated";
    public const string PoliceCalled = "police_called";

    /// <summary>Who raised an escalation on the timeline: the service itself.</summary>
    public const string System = "system:incident";
}

/// <summary>A level told of a case: the deadline missed (or <c>refusal</c>, <c>isolation_full</c>), who, when due and raised, under which policy version.</summary>
public sealed record IncidentEscalationView(
    [AllowedValues(EscalationDeadlines.Isolated, EscalationDeadlines.Reported, EscalationDeadlines.HospitalNotified, EscalationDeadlines.Refusal, EscalationDeadlines.IsolationFull)] string Deadline,
    [AllowedValues(EscalationLevels.DutyLeader, EscalationLevels.StreetOffice, EscalationLevels.Cdc)] string Level,
    DateTimeOffset DueAt,
    DateTimeOffset RaisedAt,
    int PolicyVersion)
{
    public static IncidentEscalationView From(IncidentEscalation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Deadline, e.Level, e.DueAt, e.RaisedAt, e.PolicyVersion);
    }
}

/// <summary>A case as a list shows it (without its timeline).</summary>
public sealed record IncidentSummaryView(
    Guid IncidentId,
    string HallId,
    [AllowedValues(IncidentKinds.AbnormalScreening, IncidentKinds.CaseNotice, IncidentKinds.Refusal, IncidentKinds.StaffSymptoms)] string Kind,
    [AllowedValues(IncidentStates.Opened, IncidentStates.Isolated, IncidentStates.Reported, IncidentStates.Transferred, IncidentStates.Closed)] string State,
    [Description("The steps the case may take next (the path segments of `…/steps/{step}`); empty once closed.")] IReadOnlyList<string> AllowedNextSteps,
    [Description("Screening's key of the person (a keyed hash, never an ID number), when known.")] string? PersonKey,
    string? PersonKind,
    [Description("The reading that opened an automatic case.")] Guid? ScreeningId,
    string? ZoneId,
    string? Summary,
    DateTimeOffset OpenedAt,
    string OpenedBy)
{
    public static IncidentSummaryView From(IncidentCase incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new(incident.IncidentId, incident.HallId, EnumText.Of(incident.Kind), EnumText.Of(incident.State), incident.NextSteps,
            incident.PersonKey, incident.PersonKind, incident.ScreeningId, incident.ZoneId, incident.Summary, incident.OpenedAt, incident.OpenedBy);
    }
}

/// <summary>A case with its timeline (steps, actions, escalations, police calls), oldest first.</summary>
public sealed record IncidentView(
    Guid IncidentId,
    string HallId,
    [AllowedValues(IncidentKinds.AbnormalScreening, IncidentKinds.CaseNotice, IncidentKinds.Refusal, IncidentKinds.StaffSymptoms)] string Kind,
    [AllowedValues(IncidentStates.Opened, IncidentStates.Isolated, IncidentStates.Reported, IncidentStates.Transferred, IncidentStates.Closed)] string State,
    [Description("The steps the case may take next (the path segments of `…/steps/{step}`); empty once closed. A `case_notice` skips `isolated` and `transferred`.")] IReadOnlyList<string> AllowedNextSteps,
    [Description("Screening's key of the person (a keyed hash, never an ID number), when known.")] string? PersonKey,
    string? PersonKind,
    [Description("The reading that opened an automatic case.")] Guid? ScreeningId,
    string? ZoneId,
    string? Summary,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    [Description("The isolation zone the person is held in, from the `isolated` step on.")] string? IsolationZoneId,
    [Description("When the person's unit or street was informed (`…/actions/unit-informed`), if yet.")] DateTimeOffset? UnitInformedAt,
    [Description("When the designated hospital or 120 was notified (`…/actions/hospital-notified`), if yet.")] DateTimeOffset? HospitalNotifiedAt,
    [Description("Every level told of the case, oldest first.")] IReadOnlyList<IncidentEscalationView> Escalations,
    IReadOnlyList<IncidentStepView> Timeline)
{
    public static IncidentView From(
        IncidentCase incident, IEnumerable<IncidentStepRecord> steps, IEnumerable<IncidentAction> actions, IEnumerable<IncidentEscalation> escalations, IEnumerable<PoliceCall> calls)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var actionList = actions.ToList();
        var escalationList = escalations.OrderBy(e => e.RaisedAt).ThenBy(e => e.DueAt).ToList();
        var timeline = steps.Select(IncidentStepView.From)
            .Concat(actionList.Select(a => new IncidentStepView(a.Action, a.At, a.By, a.Details)))
            .Concat(escalationList.Select(e => new IncidentStepView(TimelineEntries.Escalated, e.RaisedAt, TimelineEntries.System,
                new IncidentStepDetails { Deadline = e.Deadline, Level = e.Level, DueAt = e.DueAt, PolicyVersion = e.PolicyVersion })))
            .Concat(calls.Select(c => new IncidentStepView(TimelineEntries.PoliceCalled, c.CalledAt, c.CalledBy,
                new IncidentStepDetails { CallId = c.CallId, CalledAt = c.CalledAt, Answer = c.Answer })))
            .Select((entry, order) => (entry, order))
            .OrderBy(x => x.entry.At).ThenBy(x => x.order)
            .Select(x => x.entry);
        return new(incident.IncidentId, incident.HallId, EnumText.Of(incident.Kind), EnumText.Of(incident.State), incident.NextSteps,
            incident.PersonKey, incident.PersonKind, incident.ScreeningId, incident.ZoneId, incident.Summary, incident.OpenedAt, incident.OpenedBy,
            incident.IsolationZoneId,
            actionList.FirstOrDefault(a => a.Action == IncidentActions.UnitInformed)?.At,
            actionList.FirstOrDefault(a => a.Action == IncidentActions.HospitalNotified)?.At,
            [.. escalationList.Select(IncidentEscalationView.From)],
            [.. timeline]);
    }
}

/// <summary>A page of cases, newest opened first, and the cursor of the next page (null on the last).</summary>
public sealed record IncidentList(IReadOnlyList<IncidentSummaryView> Incidents, string? NextCursor);
