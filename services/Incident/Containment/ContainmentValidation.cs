using System.Security.Cryptography;
using System.Text;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Incident.Containment;

/// <summary>The shape of the containment requests (400 <c>validation_failed</c> naming the field) and their fingerprints for idempotency.</summary>
public static class ContainmentValidation
{
    public const int MaxText = 1000;
    public const int MaxShort = 200;

    public static Dictionary<string, string[]> Validate(ZoneClosureRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["A zone closure is required: containmentId, zoneId and reason."];
            return errors;
        }

        CheckId(request.ContainmentId, errors);
        if (!Identifier.IsValid(request.ZoneId))
        {
            errors["zoneId"] = ["Required: a zone of the hall. " + Identifier.Rule];
        }

        CheckIncident(request.IncidentId, errors);
        CheckText(request.Reason, MaxText, "reason", "why", errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(SuspensionRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["A suspension is required: containmentId and reason."];
            return errors;
        }

        CheckId(request.ContainmentId, errors);
        CheckIncident(request.IncidentId, errors);
        CheckText(request.Reason, MaxText, "reason", "why", errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(ResumptionRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["A resumption is required: containmentId, suspensionId and reason."];
            return errors;
        }

        CheckId(request.ContainmentId, errors);
        if (request.SuspensionId is not { } suspension || suspension == Guid.Empty)
        {
            errors["suspensionId"] = ["Required: the hall's approved suspension this resumption ends."];
        }

        CheckText(request.Reason, MaxText, "reason", "why", errors);
        if (request.Override is { } overriding)
        {
            CheckText(overriding.Reason, MaxText, "override.reason", "why service may resume before every closed zone is sanitized", errors);
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(ContainmentApprovalRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors[""] = ["An approval is required: governmentConsentRef."];
            return errors;
        }

        CheckText(request.GovernmentConsentRef, MaxShort, "governmentConsentRef", "the county government's consent reference", errors);
        if (request.Notes is { Length: > MaxText })
        {
            errors["notes"] = [$"At most {MaxText} characters."];
        }

        return errors;
    }

    /// <summary>Of a request: the hall, its kind and every field of its body but the id (the key).</summary>
    public static string Fingerprint(string hallId, ContainmentKind kind, params string?[] fields) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', [hallId, EnumText.Of(kind), .. fields.Select(f => f ?? "-")]))));

    private static void CheckId(Guid? id, Dictionary<string, string[]> errors)
    {
        if (id is not { } value || value == Guid.Empty)
        {
            errors["containmentId"] = ["Required: a non-empty UUID the client makes for the action."];
        }
    }

    private static void CheckIncident(Guid? id, Dictionary<string, string[]> errors)
    {
        if (id == Guid.Empty)
        {
            errors["incidentId"] = ["A case of the hall, or left out."];
        }
    }

    private static void CheckText(string? value, int max, string field, string what, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            errors[field] = [$"Required: {what}, 1–{max} characters."];
        }
    }
}
