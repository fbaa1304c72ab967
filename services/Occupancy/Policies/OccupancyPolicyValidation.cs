using CivicHall.Contracts.Halls.V1;

namespace CivicHall.Occupancy.Policies;

public static class OccupancyPolicyValidation
{
    /// <summary>Every problem of a new version, by field; empty when it may be stored.</summary>
    public static Dictionary<string, string[]> Validate(PutOccupancyPolicyRequest? request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["An occupancy policy is required."];
            return errors;
        }

        if (request.EffectiveFrom is { } from && from < now.AddMinutes(-5))
        {
            errors["effectiveFrom"] = ["A version cannot take effect in the past: what was in force stays on record."];
        }

        if (request.DensityPer100M2 is { } density && (density <= 0 || density > 200))
        {
            errors["densityPer100M2"] = ["More than 0 and at most 200 people per 100 m²."];
        }

        foreach (var (kind, cap) in request.ZoneCaps ?? new Dictionary<string, int>())
        {
            if (!ZoneKinds.All.Contains(kind))
            {
                errors[$"zoneCaps.{kind}"] = [$"Not a zone kind; one of {string.Join(", ", ZoneKinds.All)}."];
            }
            else if (cap is < 0 or > 100_000)
            {
                errors[$"zoneCaps.{kind}"] = ["From 0 to 100,000 people."];
            }
        }

        if (request.DailyQuota is < 0 or > 1_000_000)
        {
            errors["dailyQuota"] = ["From 0 to 1,000,000 visitors a day, or null for no quota."];
        }

        if (request.AlertLevels is { } levels
            && (levels.Count > 5 || levels.Any(l => l is < 1 or > 100) || !levels.SequenceEqual(levels.Order().Distinct())))
        {
            errors["alertLevels"] = ["At most 5 distinct per-cent levels from 1 to 100, ascending."];
        }

        if (request.AlertCooldownSeconds is < 0 or > 86_400)
        {
            errors["alertCooldownSeconds"] = ["From 0 to 86,400 seconds."];
        }

        if (request.RetentionDays is < 1 or > 365)
        {
            errors["retentionDays"] = ["From 1 to 365 days."];
        }

        return errors;
    }
}
