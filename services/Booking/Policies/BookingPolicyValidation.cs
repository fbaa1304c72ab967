using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Booking.Policies;

/// <summary>Checks a policy request and lists every field that is wrong.</summary>
public static partial class BookingPolicyValidation
{
    /// <param name="request">The body.</param>
    /// <param name="now">The service's clock.</param>
    /// <param name="zones">The hall's zone ids as booking knows them (HallConfigured); empty when it knows none, then a zone is checked by grammar only.</param>
    public static Dictionary<string, string[]> Validate(PutBookingPolicyRequest? request, DateTimeOffset now, IReadOnlySet<string> zones)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (request is null)
        {
            return new() { ["body"] = ["A JSON body with the policy is required."] };
        }

        if (request.EffectiveFrom is { } from && from < now.AddMinutes(-1))
        {
            Add("effectiveFrom", "Must not be in the past: a policy cannot change what already happened.");
        }

        Range(request.SlotMinutes, "slotMinutes", 5, 240, Add);
        if (request.SlotMinutes is { } slot && 1440 % slot != 0)
        {
            Add("slotMinutes", "Must divide a day evenly (e.g. 15, 20, 30, 60).");
        }

        Range(request.DailyQuota, "dailyQuota", 0, 100_000, Add);
        Range(request.HorizonDays, "horizonDays", 0, 90, Add);
        Range(request.MaxActiveBookingsPerPerson, "maxActiveBookingsPerPerson", 1, 50, Add);
        Range(request.CheckInEarlyMinutes, "checkInEarlyMinutes", 0, 240, Add);
        Range(request.CheckInLateMinutes, "checkInLateMinutes", 0, 240, Add);
        Range(request.GreenChannelDailyLimit, "greenChannelDailyLimit", 0, 10_000, Add);
        Range(request.MaxReschedules, "maxReschedules", 0, 10, Add);
        Range(request.MissedAfterSeconds, "missedAfterSeconds", 0, 3600, Add);
        Range(request.RequeueAfter, "requeueAfter", 0, 100, Add);
        if (request.PhaseShare is { } share && (share <= 0m || share > 1m))
        {
            Add("phaseShare", "Must be above 0 and at most 1 (a share of pre-epidemic volume).");
        }

        if (request.WalkInReserveShare is { } reserve && (reserve < 0m || reserve > 0.9m))
        {
            Add("walkInReserveShare", "Must be between 0 and 0.9.");
        }

        var groups = request.WindowGroups ?? [];
        if (groups.Count > 100)
        {
            Add("windowGroups", "At most 100 window groups.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Count; i++)
        {
            var field = $"windowGroups[{i}]";
            var group = groups[i];
            if (group is null)
            {
                Add(field, "Must not be null.");
                continue;
            }

            if (!Identifier.IsValid(group.Group))
            {
                Add($"{field}.group", Identifier.Rule);
            }
            else if (!seen.Add(group.Group))
            {
                Add($"{field}.group", $"'{group.Group}' is listed more than once.");
            }

            Range(group.Windows, $"{field}.windows", 0, 500, Add, required: true);
            Range(group.MinutesPerCase, $"{field}.minutesPerCase", 1, 480, Add);
            if (group.ZoneId is not null && !Identifier.IsValid(group.ZoneId))
            {
                Add($"{field}.zoneId", "A zone of the hall, or left out. " + Identifier.Rule);
            }
            else if (group.ZoneId is not null && zones.Count > 0 && !zones.Contains(group.ZoneId))
            {
                Add($"{field}.zoneId", $"'{group.ZoneId}' is not a zone of the hall.");
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void Range(int? value, string field, int min, int max, Action<string, string> add, bool required = false)
    {
        if (value is null)
        {
            if (required)
            {
                add(field, "Is required.");
            }
        }
        else if (value < min || value > max)
        {
            add(field, $"Must be between {min} and {max}.");
        }
    }
}
