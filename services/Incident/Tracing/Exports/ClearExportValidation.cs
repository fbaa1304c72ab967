namespace CivicHall.Incident.Tracing.Exports;

/// <summary>The checks of clear export requests and decisions.</summary>
public static class ClearExportValidation
{
    public static Dictionary<string, string[]> Validate(ClearExportRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["A request with `exportId` and `reason` is required."];
            return errors;
        }

        if (request.ExportId is null || request.ExportId == Guid.Empty)
        {
            errors["exportId"] = ["The client's id of the request (a UUID) is required."];
        }

        CheckReason(request.Reason, errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(ClearExportDecision? decision)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (decision is null)
        {
            errors["body"] = ["A body with `reason` is required."];
            return errors;
        }

        CheckReason(decision.Reason, errors);
        return errors;
    }

    private static void CheckReason(string? reason, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length is < 4 or > 200)
        {
            errors["reason"] = ["Required, 4–200 characters: recorded with every read of the people in clear."];
        }
    }
}
