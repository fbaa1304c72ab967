namespace CivicHall.Incident.Policies;

public static class IncidentPolicyValidation
{
    /// <summary>Every problem of a new version, by field; empty when it may be stored.</summary>
    public static Dictionary<string, string[]> Validate(PutIncidentPolicyRequest? request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["An incident policy is required (`{}` takes every default)."];
            return errors;
        }

        if (request.EffectiveFrom is { } from && from < now.AddMinutes(-5))
        {
            errors["effectiveFrom"] = ["A version cannot take effect in the past: what was in force stays on record."];
        }

        Range(request.IsolatedWithinMinutes, 1, 240, "isolatedWithinMinutes", errors);
        Range(request.ReportedWithinMinutes, 1, 1440, "reportedWithinMinutes", errors);
        Range(request.HospitalNotifiedWithinMinutes, 1, 1440, "hospitalNotifiedWithinMinutes", errors);
        Range(request.EscalationIntervalMinutes, 1, 240, "escalationIntervalMinutes", errors);
        Range(request.RecordsHoldDays, 1, 365, "recordsHoldDays", errors);
        Range(request.TracingDaysBefore, 0, 14, "tracingDaysBefore", errors);
        Range(request.TracingBufferMinutes, 0, 120, "tracingBufferMinutes", errors);
        Range(request.EntranceWindowMinutes, 0, 60, "entranceWindowMinutes", errors);
        return errors;
    }

    private static void Range(int? value, int min, int max, string field, Dictionary<string, string[]> errors)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors[field] = [$"From {min} to {max}, or left out for the default."];
        }
    }
}
