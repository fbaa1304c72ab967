using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CivicHall.Incident.Cases;

namespace CivicHall.Incident.Actions;

/// <summary>The shape of the actions and police calls (400 <c>validation_failed</c> naming the field) and their fingerprints.</summary>
public static class IncidentActionValidation
{
    public static Dictionary<string, string[]> Validate(UnitInformedRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["Required: name and how."];
            return errors;
        }

        Text(request.Name, IncidentValidation.MaxShort, "name", "the unit or street told", errors);
        Text(request.How, IncidentValidation.MaxName, "how", "how it was told", errors);
        Notes(request.Notes, "notes", errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(HospitalNotifiedRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["Required: via and whom."];
            return errors;
        }

        if (request.Via is null || !HospitalVia.All.Contains(request.Via))
        {
            errors["via"] = [$"Required: one of {string.Join(", ", HospitalVia.All)}."];
        }

        Text(request.Whom, IncidentValidation.MaxShort, "whom", "who took the call", errors);
        Notes(request.Answer, "answer", errors);
        Notes(request.Notes, "notes", errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(PoliceCallRequest? request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["Required: callId and calledAt."];
            return errors;
        }

        if (request.CallId is not { } id || id == Guid.Empty)
        {
            errors["callId"] = ["Required: a non-empty UUID the client makes for the call."];
        }

        // A minute's leeway for the caller's clock.
        if (request.CalledAt is not { } at || at > now.AddMinutes(1))
        {
            errors["calledAt"] = ["Required: when 110 was called, not later than now."];
        }

        Notes(request.Answer, "answer", errors);
        return errors;
    }

    /// <summary>Of an action: its name and its details as stored.</summary>
    public static string Fingerprint(string action, IncidentStepDetails details) => Hash(action, JsonSerializer.Serialize(details));

    /// <summary>Of a police call: the case, when and the answer.</summary>
    public static string Fingerprint(Guid incidentId, PoliceCallRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Hash("police", incidentId, request.CalledAt!.Value.UtcTicks.ToString(CultureInfo.InvariantCulture), request.Answer?.Trim() ?? "-");
    }

    private static void Text(string? value, int max, string field, string what, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            errors[field] = [$"Required: {what}, 1–{max} characters."];
        }
    }

    private static void Notes(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is { Length: > IncidentValidation.MaxText })
        {
            errors[field] = [$"At most {IncidentValidation.MaxText} characters."];
        }
    }

    private static string Hash(params object?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));
}
