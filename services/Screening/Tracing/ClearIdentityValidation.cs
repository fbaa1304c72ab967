using CivicHall.Contracts.Tracing.V1;

namespace CivicHall.Screening.Tracing;

/// <summary>The checks of incident's clear identity query (an approved export of a tracing list).</summary>
public static class ClearIdentityValidation
{
    public static Dictionary<string, string[]> Validate(ClearIdentityQuery? query)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (query is null)
        {
            errors["body"] = ["A clear identity query is required."];
            return errors;
        }

        if (query.PersonKeys is null || query.PersonKeys.Count is 0 or > TracingValidation.MaxPersonKeys
            || query.PersonKeys.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 64))
        {
            errors["personKeys"] = [$"From 1 to {TracingValidation.MaxPersonKeys} person keys of 1 to 64 characters."];
        }

        if (string.IsNullOrWhiteSpace(query.ListId) || query.ListId.Length > 64)
        {
            errors["listId"] = ["The list read for, 1 to 64 characters."];
        }

        if (string.IsNullOrWhiteSpace(query.Reason) || query.Reason.Trim().Length is < 4 or > 200)
        {
            errors["reason"] = ["Required (4–200 characters): every read of personal data is recorded with its reason."];
        }

        if (string.IsNullOrWhiteSpace(query.RequestedBy) || query.RequestedBy.Length > 128)
        {
            errors["requestedBy"] = ["Who requested the export, 1 to 128 characters."];
        }

        if (string.IsNullOrWhiteSpace(query.ApprovedBy) || query.ApprovedBy.Length > 128)
        {
            errors["approvedBy"] = ["Who approved the export, 1 to 128 characters."];
        }

        return errors;
    }
}
