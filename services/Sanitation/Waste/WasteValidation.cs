using System.Security.Cryptography;
using System.Text;
using CivicHall.Sanitation.Plans;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Sanitation.Waste;

/// <summary>The shape of the waste requests (400 <c>validation_failed</c> naming the field) and their fingerprints for idempotency.</summary>
public static class WasteValidation
{
    public const int MaxNotes = 1000;
    public const double MaxStrength = 100_000;

    public static Dictionary<string, string[]> Validate(PutWasteBagRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["A bag is required: at least its zoneId."];
            return errors;
        }

        if (!Identifier.IsValid(request.ZoneId))
        {
            errors["zoneId"] = ["Required: the zone where the bag was filled. " + Identifier.Rule];
        }

        if (request.IncidentId == Guid.Empty)
        {
            errors["incidentId"] = ["A non-empty UUID, or left out."];
        }

        CheckNotes(request.Notes, errors);
        return errors;
    }

    /// <summary>A seal's body is optional: no body is a seal without notes.</summary>
    public static Dictionary<string, string[]> Validate(SealWasteBagRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckNotes(request?.Notes, errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(DisinfectWasteBagRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["The disinfection is required: at least the measured strength."];
            return errors;
        }

        if (request.Agent is not (null or Agents.Chlorine))
        {
            errors["agent"] = [$"'{Agents.Chlorine}' (chlorine-containing disinfectant), or left out."];
        }

        if (request.Strength is not { } strength || strength <= 0 || strength > (decimal)MaxStrength)
        {
            errors["strength"] = [$"Required: the measured strength in {Agents.MilligramsPerLitre}, above 0 and at most {MaxStrength}."];
        }

        CheckNotes(request.Notes, errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(HandoverWasteBagRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["The handover is required: collector company, collector name and handover number."];
            return errors;
        }

        CheckText(request.CollectorCompany, 200, "collectorCompany", "the licensed collector's company", errors);
        CheckText(request.CollectorName, 100, "collectorName", "the collector's person who took the bag", errors);
        CheckText(request.HandoverNumber, 64, "handoverNumber", "the handover form's number (联单号)", errors);
        CheckNotes(request.Notes, errors);
        return errors;
    }

    public static string Fingerprint(string hallId, string bagId, PutWasteBagRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Hash(hallId, bagId, "bag", request.ZoneId, request.IncidentId?.ToString() ?? "-", request.Notes ?? "-");
    }

    public static string Fingerprint(string hallId, string bagId, SealWasteBagRequest? request) =>
        Hash(hallId, bagId, WasteSteps.Seal, request?.Notes ?? "-");

    public static string Fingerprint(string hallId, string bagId, DisinfectWasteBagRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Hash(hallId, bagId, WasteSteps.Disinfected, request.Agent ?? Agents.Chlorine, request.Strength!.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), request.Notes ?? "-");
    }

    public static string Fingerprint(string hallId, string bagId, HandoverWasteBagRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Hash(hallId, bagId, WasteSteps.Handover, request.CollectorCompany, request.CollectorName, request.HandoverNumber, request.Notes ?? "-");
    }

    private static void CheckText(string? value, int max, string field, string what, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            errors[field] = [$"Required: {what}, 1–{max} characters."];
        }
    }

    private static void CheckNotes(string? notes, Dictionary<string, string[]> errors)
    {
        if (notes is { Length: > MaxNotes })
        {
            errors["notes"] = [$"At most {MaxNotes} characters."];
        }
    }

    private static string Hash(params object?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));
}
