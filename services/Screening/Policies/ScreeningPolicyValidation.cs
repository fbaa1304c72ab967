using CivicHall.Contracts.Screening.V1;

namespace CivicHall.Screening.Policies;

public static class ScreeningPolicyValidation
{
    /// <summary>Every problem of a new version, by field; empty when it may be stored.</summary>
    public static Dictionary<string, string[]> Validate(PutScreeningPolicyRequest? request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["A screening policy is required."];
            return errors;
        }

        if (request.EffectiveFrom is { } from && from < now.AddMinutes(-5))
        {
            errors["effectiveFrom"] = ["A version cannot take effect in the past: what was in force stays on record."];
        }

        var kinds = request.Kinds ?? [];
        for (var i = 0; i < kinds.Count; i++)
        {
            var kind = kinds[i];
            if (kind is null)
            {
                errors[$"kinds[{i}]"] = ["The rules of one person kind: kind, testValidityHours, antigenValidityHours, antigenOnTheSpot."];
                continue;
            }

            if (kind.Kind is null || !PersonKinds.All.Contains(kind.Kind))
            {
                errors[$"kinds[{i}].kind"] = [$"One of {string.Join(", ", PersonKinds.All)}."];
            }

            if (kind.TestValidityHours is < 1 or > 720)
            {
                errors[$"kinds[{i}].testValidityHours"] = ["From 1 to 720 hours, or null for no test."];
            }

            if (kind.AntigenValidityHours is < 1 or > 720)
            {
                errors[$"kinds[{i}].antigenValidityHours"] = ["From 1 to 720 hours, or null for no antigen test."];
            }

            if (kind.BoosterRequired == true && kind.Kind != PersonKinds.Staff)
            {
                errors[$"kinds[{i}].boosterRequired"] = ["Only staff: their vaccination is on their health file."];
            }

            if (kind.BoosterDoses is < 1 or > 10)
            {
                errors[$"kinds[{i}].boosterDoses"] = ["From 1 to 10 doses."];
            }
        }

        var named = kinds.OfType<PersonKindRulesRequest>().Select(k => k.Kind).ToList();
        if (named.Distinct(StringComparer.Ordinal).Count() != named.Count)
        {
            errors["kinds"] = ["Each person kind at most once."];
        }

        var retest = request.RetestAtC ?? ScreeningPolicyDefaults.RetestAtC;
        var isolate = request.IsolateAboveC ?? ScreeningPolicyDefaults.IsolateAboveC;
        if (retest is < 36.5m or > 38.5m)
        {
            errors["retestAtC"] = ["From 36.5 to 38.5 °C."];
        }

        if (isolate < retest || isolate > 39.5m)
        {
            errors["isolateAboveC"] = ["At least retestAtC and at most 39.5 °C."];
        }

        if (request.MaskRule is not null and not (MaskRules.Refuse or MaskRules.Provide))
        {
            errors["maskRule"] = ["refuse or provide."];
        }

        Range(errors, "bookingEarlyMinutes", request.BookingEarlyMinutes, 0, 240);
        Range(errors, "bookingLateMinutes", request.BookingLateMinutes, 0, 240);
        Range(errors, "exemptUnderAge", request.ExemptUnderAge, 0, 30);
        Range(errors, "exemptFromAge", request.ExemptFromAge, 40, 120);
        Range(errors, "spotAntigenMinutes", request.SpotAntigenMinutes, 5, 1440);
        Range(errors, "retentionDays", request.RetentionDays, 1, 365);
        return errors;
    }

    private static void Range(Dictionary<string, string[]> errors, string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors[field] = [$"From {min} to {max}."];
        }
    }
}
