using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CivicHall.ServiceDefaults.PersonalData;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Incident.Notices;

/// <summary>The shape of a notice (400 <c>validation_failed</c> naming the field, never echoing the ID number) and its fingerprint.</summary>
public static class CaseNoticeValidation
{
    public static Dictionary<string, string[]> Validate(CaseNoticeRequest? request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["A notice is required: incidentId, hallId, idNumber, personKind, authority, status and days."];
            return errors;
        }

        if (request.IncidentId is not { } id || id == Guid.Empty)
        {
            errors["incidentId"] = ["Required: a non-empty UUID the client makes for the case."];
        }

        if (!Identifier.IsValid(request.HallId))
        {
            errors["hallId"] = ["Required. " + Identifier.Rule];
        }

        // Any zone's today: a notice sent from UTC+14 is not refused for a date that is already today there.
        var latest = DateOnly.FromDateTime(now.UtcDateTime.AddHours(14));
        if (!ChineseIdNumber.IsValid(request.IdNumber, latest))
        {
            errors["idNumber"] = ["Required: an 18-character resident ID number with a valid check digit."];
        }

        if (request.PersonKind is null || !CaseNotices.PersonKinds.Contains(request.PersonKind))
        {
            errors["personKind"] = [$"Required: one of {string.Join(", ", CaseNotices.PersonKinds)}."];
        }

        if (string.IsNullOrWhiteSpace(request.Authority) || request.Authority.Length > Cases.IncidentValidation.MaxShort)
        {
            errors["authority"] = [$"Required: the authority that sent the notice, 1–{Cases.IncidentValidation.MaxShort} characters."];
        }

        if (request.Status is null || !CaseNotices.Statuses.Contains(request.Status))
        {
            errors["status"] = [$"Required: one of {string.Join(", ", CaseNotices.Statuses)}."];
        }

        if (request.Days is null || request.Days.Count is 0 or > CaseNotices.MaxDays || request.Days.Distinct().Count() != request.Days.Count || request.Days.Any(d => d > latest))
        {
            errors["days"] = [string.Create(CultureInfo.InvariantCulture, $"Required: 1–{CaseNotices.MaxDays} distinct dates the person was in the hall, none in the future.")];
        }

        if (request.Summary is { Length: > Cases.IncidentValidation.MaxText })
        {
            errors["summary"] = [$"At most {Cases.IncidentValidation.MaxText} characters."];
        }

        return errors;
    }

    /// <summary>Of a notice: hall, the person by key (never the ID number), kind, authority, status, days and summary.</summary>
    public static string Fingerprint(CaseNoticeRequest request, string personKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        var days = string.Join(',', request.Days!.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var text = string.Join('\u001f', "notice", request.HallId, personKey, request.PersonKind, request.Authority!.Trim(), request.Status, days, request.Summary?.Trim() ?? "-");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
