using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CivicHall.Contracts.Screening.V1;

namespace CivicHall.Occupancy.Ledgers;

/// <summary>One stay of the visit in one zone: when the person entered it and when they left it (null: still there).</summary>
public sealed record AdmissionZoneVisit(string ZoneId, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt);

/// <summary>
/// One line of the hall's admissions register (进出登记台账): a person's visit from the door to the exit. Occupancy holds
/// no personal data — the person is screening's keyed hash (<c>personKey</c>), never a name or ID number; the audited
/// clear reads start from it (README "Ledgers").
/// </summary>
public sealed record AdmissionLedgerRow(
    [Description("The visit's id: the screening that let the person through the door.")] Guid AdmissionId,
    [Description("When the person reached the door (UTC).")] DateTimeOffset ArrivedAt,
    [AllowedValues(PersonKinds.Visitor, PersonKinds.Staff, PersonKinds.Courier, PersonKinds.Agent)] string PersonKind,
    [Description("Screening's key of the person (a keyed hash, never an ID number).")] string PersonKey,
    [Description("elderly or disabled: queued ahead of the others; null otherwise.")] string? PriorityGroup,
    [AllowedValues("queued", "inside", "exited", "turned_away")] string State,
    [Description("Why the person was turned away or left the queue (`quota_reached`, `on_site_suspended`, …); null otherwise.")] string? Reason,
    [Description("The door-queue ticket of the day, when the person was queued.")] int? Ticket,
    string? Lane,
    DateTimeOffset? AdmittedAt,
    DateTimeOffset? ExitedAt,
    string? ExitGate,
    [Description("The zone the person is in (inside) or was last in (exited); null when never admitted.")] string? ZoneId,
    [Description("Every zone of the visit, in the order entered.")] IReadOnlyList<AdmissionZoneVisit> Zones);

/// <summary>A page of the admissions ledger, oldest arrival first.</summary>
public sealed record AdmissionLedgerPage(
    string HallId,
    [Description("The first instant of the window read (UTC).")] DateTimeOffset From,
    [Description("The end of the window read, exclusive (UTC).")] DateTimeOffset To,
    IReadOnlyList<AdmissionLedgerRow> Admissions,
    string? NextCursor);
