using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CivicHall.Sanitation.Plans;

namespace CivicHall.Sanitation.Records;

/// <summary>The shape of a record request (400 <c>validation_failed</c>) and its fingerprint for idempotency.</summary>
public static partial class RecordValidation
{
    [GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhotoHash();

    public static Dictionary<string, string[]> Validate(PostRecordRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["A record is required."];
            return errors;
        }

        if (request.RecordId is not { } id || id == Guid.Empty)
        {
            errors["recordId"] = ["Required: a non-empty UUID chosen by the client."];
        }

        if (request.TaskId == Guid.Empty)
        {
            errors["taskId"] = ["A task's id, or left out for an ad hoc record."];
        }

        if (string.IsNullOrWhiteSpace(request.ZoneId) || request.ZoneId.Length > 64)
        {
            errors["zoneId"] = ["Required: a zone of the hall."];
        }

        if (request.Method is null || !Methods.All.Contains(request.Method))
        {
            errors["method"] = [$"One of {string.Join(", ", Methods.All)}."];
        }

        if (request.Method == Methods.Ventilate || request.Method == Methods.Ultraviolet)
        {
            if (request.Agent is not null || request.Strength is not null)
            {
                errors["agent"] = ["Airing and ultraviolet use no agent: leave out agent and strength."];
            }
        }
        else if (request.Method is not null && (request.Agent is null || !Agents.All.Contains(request.Agent)))
        {
            errors["agent"] = [$"Required with this method: one of {string.Join(", ", Agents.All)}."];
        }
        else if (request.Agent is not null && request.Strength is not { } strength)
        {
            errors["strength"] = ["Required with an agent: the measured strength in its unit (chlorine mg/L, alcohol %)."];
        }

        if (request.Strength is <= 0 or > 100000)
        {
            errors["strength"] = ["A measured strength above 0 and at most 100000."];
        }

        if (request.StartedAt is not { } started || started.Year is < 2000 or > 2100)
        {
            errors["startedAt"] = ["Required: an instant with its offset, from 2000 to 2100."];
        }

        if (request.EndedAt is not { } ended || ended.Year is < 2000 or > 2100)
        {
            errors["endedAt"] = ["Required: an instant with its offset, from 2000 to 2100."];
        }

        if (request.Evidence is { } evidence && !IsEvidence(evidence))
        {
            errors["evidence"] = ["`sha256:` and 64 lowercase hex digits of a photo, or an absolute https URL (at most 500 characters)."];
        }

        if (request.Notes is { Length: > 1000 })
        {
            errors["notes"] = ["At most 1000 characters."];
        }

        return errors;
    }

    public static bool IsEvidence(string value) =>
        value.Length <= 500 && (PhotoHash().IsMatch(value)
            || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host)));

    /// <summary>SHA-256 of the request's values (instants in UTC ticks, so an offset change is the same body).</summary>
    public static string Fingerprint(string hallId, PostRecordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = string.Join('\u001f',
            hallId, request.RecordId, request.TaskId?.ToString() ?? "-", request.ZoneId, request.Method, request.Agent ?? "-",
            request.Strength?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            request.StartedAt!.Value.UtcTicks, request.EndedAt!.Value.UtcTicks, request.Evidence ?? "-", request.Notes ?? "-");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
