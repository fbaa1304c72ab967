using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace CivicHall.Incident.Containment;

/// <summary>A zone closed at once (<c>POST …/containment/zone-closures</c>).</summary>
public sealed record ZoneClosureRequest(
    [Required, Description("A UUID the client makes for the action: the same id and body again replays the first answer (200), another body is 409 `containment_id_reused`.")] Guid? ContainmentId,
    [Required, Identifier, Description("A zone of the hall, not its isolation zone.")] string? ZoneId,
    [Description("The case that caused it, a case of the same hall; or left out.")] Guid? IncidentId,
    [Required, StringLength(ContainmentValidation.MaxText), Description("Why, as occupancy, sanitation and booking will be told.")] string? Reason);

/// <summary>A suspension of on-site service requested (<c>POST …/containment/suspensions</c>); it takes effect on approval.</summary>
public sealed record SuspensionRequest(
    [Required, Description("A UUID the client makes for the action (idempotency as for a zone closure).")] Guid? ContainmentId,
    [Description("The case that caused it, a case of the same hall; or left out.")] Guid? IncidentId,
    [Required, StringLength(ContainmentValidation.MaxText), Description("Why (told to citizens whose bookings are cancelled).")] string? Reason);

/// <summary>An audited override of the sanitation rule on resumption.</summary>
public sealed record ContainmentOverrideRequest(
    [Required, StringLength(ContainmentValidation.MaxText), Description("Why service may resume while closed zones are not yet sanitized.")] string? Reason);

/// <summary>A resumption of on-site service requested (<c>POST …/containment/resumptions</c>); it takes effect on approval.</summary>
public sealed record ResumptionRequest(
    [Required, Description("A UUID the client makes for the action (idempotency as for a zone closure).")] Guid? ContainmentId,
    [Required, Description("The hall's approved suspension this resumption ends.")] Guid? SuspensionId,
    [Required, StringLength(ContainmentValidation.MaxText)] string? Reason,
    [Description("Resume although closed zones are not yet sanitized: recorded with who and when, shown on the action.")] ContainmentOverrideRequest? Override);

/// <summary>A second person's approval of a suspension or resumption (<c>POST …/containment/{containmentId}/approval</c>).</summary>
public sealed record ContainmentApprovalRequest(
    [Required, StringLength(ContainmentValidation.MaxShort), Description("The county government's consent: its document number or the call's record.")] string? GovernmentConsentRef,
    [StringLength(ContainmentValidation.MaxText)] string? Notes);

/// <summary>Who approved, when, and the government's consent.</summary>
public sealed record ContainmentApprovalView(string ApprovedBy, DateTimeOffset ApprovedAt, string GovernmentConsentRef, string? Notes);

/// <summary>A resumption's override: why, by whom, when, and the zones it passed over.</summary>
public sealed record ContainmentOverrideView(string Reason, string By, DateTimeOffset At, IReadOnlyList<string> Zones);

/// <summary>A participant's acknowledgement and what it did.</summary>
public sealed record ContainmentParticipantView(
    [AllowedValues(ContainmentParticipants.Occupancy, ContainmentParticipants.Sanitation, ContainmentParticipants.Booking)] string Participant,
    bool Acknowledged,
    DateTimeOffset? AcknowledgedAt,
    [Description("Not acknowledged within the limit (`Incident:Containment:AcknowledgementLimit`, 2 min).")] bool Overdue,
    [Description("When the sweep found it late (kept after a late acknowledgement).")] DateTimeOffset? OverdueSince,
    [Description("Occupancy: people in the closed zone, or in the hall.")] int? PeopleInside,
    [Description("Occupancy: people in the door queue sent away.")] int? QueueSentAway,
    [Description("Sanitation: the terminal disinfection task.")] Guid? TaskId,
    [Description("Booking: bookings moved.")] int? Moved,
    [Description("Booking: bookings cancelled.")] int? Cancelled)
{
    public static ContainmentParticipantView From(ContainmentAcknowledgement ack)
    {
        ArgumentNullException.ThrowIfNull(ack);
        return new(ack.Participant, ack.AcknowledgedAt is not null, ack.AcknowledgedAt, ack.OverdueAt is not null && ack.AcknowledgedAt is null, ack.OverdueAt,
            ack.PeopleInside, ack.QueueSentAway, ack.TaskId, ack.Moved, ack.Cancelled);
    }
}

/// <summary>A containment action with its participants' acknowledgements (none before it takes effect).</summary>
public sealed record ContainmentView(
    Guid ContainmentId,
    string HallId,
    [AllowedValues(ContainmentKinds.ZoneClosure, ContainmentKinds.Suspension, ContainmentKinds.Resumption)] string Kind,
    [AllowedValues(ContainmentStates.Requested, ContainmentStates.Approved, ContainmentStates.Withdrawn, ContainmentStates.Resumed,
        ContainmentStates.Ordered, ContainmentStates.Sanitized, ContainmentStates.Reopened)] string State,
    string? ZoneId,
    Guid? IncidentId,
    [Description("The suspension a resumption ends.")] Guid? SuspensionId,
    string Reason,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    [Description("When it took effect: ordered, or approved.")] DateTimeOffset? EffectiveAt,
    ContainmentApprovalView? Approval,
    string? WithdrawnBy,
    DateTimeOffset? WithdrawnAt,
    ContainmentOverrideView? Override,
    [Description("A closure: when its zone was sanitized.")] DateTimeOffset? SanitizedAt,
    [Description("A closure: when occupancy reopened its zone.")] DateTimeOffset? ReopenedAt,
    [Description("`sanitized` or `override`.")] string? ReopenedBy,
    [Description("A suspension: when its resumption was approved.")] DateTimeOffset? ResumedAt,
    [Description("A suspension: the resumption that ended it.")] Guid? ResumedBy,
    IReadOnlyList<ContainmentParticipantView> Participants)
{
    public static ContainmentView From(ContainmentAction action, IEnumerable<ContainmentAcknowledgement> acks)
    {
        ArgumentNullException.ThrowIfNull(action);
        var approval = action is { ApprovedBy: { } by, ApprovedAt: { } at } ? new ContainmentApprovalView(by, at, action.GovernmentConsentRef ?? string.Empty, action.ApprovalNotes) : null;
        var overriding = action.OverrideReason is { } reason ? new ContainmentOverrideView(reason, action.RequestedBy, action.RequestedAt, action.OverriddenZones) : null;
        return new(action.ContainmentId, action.HallId, EnumText.Of(action.Kind), EnumText.Of(action.State), action.ZoneId, action.IncidentId, action.SuspensionId,
            action.Reason, action.RequestedBy, action.RequestedAt, action.EffectiveAt, approval, action.WithdrawnBy, action.WithdrawnAt, overriding,
            action.SanitizedAt, action.ReopenedAt, action.ReopenedBy, action.ResumedAt, action.ResumedBy,
            [.. acks.OrderBy(a => ParticipantOrder(a.Participant)).Select(ContainmentParticipantView.From)]);
    }

    private static int ParticipantOrder(string participant) => participant switch
    {
        ContainmentParticipants.Occupancy => 0,
        ContainmentParticipants.Sanitation => 1,
        _ => 2,
    };
}

/// <summary>A page of a hall's containment actions, newest requested first, and the cursor of the next page (null on the last).</summary>
public sealed record ContainmentList(IReadOnlyList<ContainmentView> Containment, string? NextCursor);
