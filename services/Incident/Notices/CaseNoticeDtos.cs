using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CivicHall.Incident.Cases;

namespace CivicHall.Incident.Notices;

/// <summary>
/// An authority's notice (<c>POST /api/v1/incidents/notices</c>) that a visitor or member of staff who was in the hall
/// is a suspected or confirmed case. The ID number is turned into screening's person key (and an encrypted copy)
/// at once: it is never stored, logged or answered in clear.
/// </summary>
public sealed record CaseNoticeRequest(
    [Required, Description("A UUID the client makes for the case: the same id and body again replays the first answer (200), another body is 409 `incident_id_reused`.")] Guid? IncidentId,
    [Required, Identifier] string? HallId,
    [Required, StringLength(18, MinimumLength = 18), Description("The person's resident ID number (GB 11643); kept only as screening's person key and an encrypted copy.")] string? IdNumber,
    [Required, AllowedValues(CaseNotices.Visitor, CaseNotices.Staff)] string? PersonKind,
    [Required, StringLength(IncidentValidation.MaxShort), Description("The authority that sent the notice (e.g. the district CDC).")] string? Authority,
    [Required, AllowedValues(CaseNotices.Suspected, CaseNotices.Confirmed)] string? Status,
    [Required, Length(1, CaseNotices.MaxDays), Description("The days the person was in the hall (1–14 dates, none in the future).")] IReadOnlyList<DateOnly>? Days,
    [StringLength(IncidentValidation.MaxText)] string? Summary);

/// <summary>The wire values of a case notice.</summary>
public static class CaseNotices
{
    public const string Visitor = "visitor";
    public const string Staff = "staff";
    public const string Suspected = "suspected";
    public const string Confirmed = "confirmed";
    public const int MaxDays = 14;

    public static IReadOnlyList<string> PersonKinds { get; } = [Visitor, Staff];

    public static IReadOnlyList<string> Statuses { get; } = [Suspected, Confirmed];
}
