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

/// <summary>A step of the timeline: the state reached, when, by whom, with its details.</summary>
public sealed record IncidentStepView(
    [AllowedValues(IncidentStates.Opened, IncidentStates.Isolated, IncidentStates.Reported, IncidentStates.Transferred, IncidentStates.Closed)] string Step,
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

/// <summary>A case with its timeline, oldest step first.</summary>
public sealed record IncidentView(
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
    string OpenedBy,
    IReadOnlyList<IncidentStepView> Timeline)
{
    public static IncidentView From(IncidentCase incident, IEnumerable<IncidentStepRecord> timeline)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new(incident.IncidentId, incident.HallId, EnumText.Of(incident.Kind), EnumText.Of(incident.State), incident.NextSteps,
            incident.PersonKey, incident.PersonKind, incident.ScreeningId, incident.ZoneId, incident.Summary, incident.OpenedAt, incident.OpenedBy,
            [.. timeline.Select(IncidentStepView.From)]);
    }
}

/// <summary>A page of cases, newest opened first, and the cursor of the next page (null on the last).</summary>
public sealed record IncidentList(IReadOnlyList<IncidentSummaryView> Incidents, string? NextCursor);
