using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Incident.Cases;

/// <summary>The shape of the incident requests (400 <c>validation_failed</c> naming the field) and their fingerprints for idempotency.</summary>
public static class IncidentValidation
{
    public const int MaxText = 1000;
    public const int MaxShort = 200;
    public const int MaxName = 100;
    public const int MaxNames = 20;

    public static Dictionary<string, string[]> Validate(OpenIncidentRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["A case is required: incidentId, hallId, kind and summary."];
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

        if (request.Kind is null || !IncidentKinds.ByHand.Contains(request.Kind))
        {
            errors["kind"] = [$"Required: one of {string.Join(", ", IncidentKinds.ByHand)} ({IncidentKinds.CaseNotice} comes from an authority's notice)."];
        }

        if (request.ZoneId is not null && !Identifier.IsValid(request.ZoneId))
        {
            errors["zoneId"] = ["A zone of the hall, or left out. " + Identifier.Rule];
        }

        CheckText(request.Summary, MaxText, "summary", "what happened", errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(IsolateIncidentRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["The isolation is required: zoneId and escortingStaff."];
            return errors;
        }

        if (!Identifier.IsValid(request.ZoneId))
        {
            errors["zoneId"] = ["Required: an isolation zone of the hall. " + Identifier.Rule];
        }

        CheckNames(request.EscortingStaff, "escortingStaff", errors);
        CheckNotes(request.Notes, errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(ReportIncidentRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["The report is required: leadership, unitOrStreet and summary."];
            return errors;
        }

        CheckNames(request.Leadership, "leadership", errors);
        CheckText(request.UnitOrStreet, MaxShort, "unitOrStreet", "the person's unit or street informed", errors);
        CheckText(request.Summary, MaxText, "summary", "what was reported", errors);
        CheckNotes(request.Notes, errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(TransferIncidentRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["The transfer is required: at least its destination."];
            return errors;
        }

        if (request.Destination is null || !TransferDestinations.All.Contains(request.Destination))
        {
            errors["destination"] = [$"Required: one of {string.Join(", ", TransferDestinations.All)}."];
        }

        if (request.DestinationDetails is { Length: > MaxShort })
        {
            errors["destinationDetails"] = [$"At most {MaxShort} characters."];
        }

        CheckNotes(request.Notes, errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(CloseIncidentRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["The close is required: its outcome."];
            return errors;
        }

        CheckText(request.Outcome, MaxText, "outcome", "how the case ended", errors);
        CheckNotes(request.Notes, errors);
        return errors;
    }

    /// <summary>Of a case opened by hand: hall, kind, zone and summary (the id is the key).</summary>
    public static string Fingerprint(OpenIncidentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Hash("open", request.HallId, request.Kind, request.ZoneId ?? "-", request.Summary);
    }

    /// <summary>Of a step: its name and its details as stored.</summary>
    public static string Fingerprint(IncidentState step, IncidentStepDetails details) =>
        Hash(EnumText.Of(step), JsonSerializer.Serialize(details));

    private static void CheckText(string? value, int max, string field, string what, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            errors[field] = [$"Required: {what}, 1–{max} characters."];
        }
    }

    private static void CheckNames(IReadOnlyList<string>? names, string field, Dictionary<string, string[]> errors)
    {
        if (names is null || names.Count is 0 or > MaxNames || names.Any(n => string.IsNullOrWhiteSpace(n) || n.Length > MaxName))
        {
            errors[field] = [string.Create(CultureInfo.InvariantCulture, $"Required: 1–{MaxNames} names, each 1–{MaxName} characters.")];
        }
    }

    private static void CheckNotes(string? notes, Dictionary<string, string[]> errors)
    {
        if (notes is { Length: > MaxText })
        {
            errors["notes"] = [$"At most {MaxText} characters."];
        }
    }

    private static string Hash(params object?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));
}
