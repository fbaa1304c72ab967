using System.Globalization;
using CivicHall.Contracts.Halls.V1;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Occupancy.Halls;

/// <summary>Turns a request into a <see cref="HallLayout"/>, or lists every field that is wrong.</summary>
public static partial class HallValidation
{
    public const int MaxZones = 200;

    /// <summary>Dated exceptions a hall may hold (a year's worth and a day).</summary>
    public const int MaxOverrides = 366;

    /// <summary>Longer than any IANA time zone id.</summary>
    public const int MaxTimeZoneLength = 64;

    /// <summary>A local time of day as the API writes it.</summary>
    public const string TimePattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    /// <summary>A date as the API writes it.</summary>
    public const string DatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    public const decimal MaxZoneAreaM2 = 100_000m;

    public static bool IsValidId(string? id) => Identifier.IsValid(id);

    public static HallLayout? Validate(PutHallRequest? request, out Dictionary<string, string[]> errors)
    {
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!problems.TryGetValue(field, out var list))
            {
                problems[field] = list = [];
            }

            list.Add(message);
        }

        if (request is null)
        {
            errors = new() { ["body"] = ["A JSON body describing the hall is required."] };
            return null;
        }

        var name = Text(request.Name, "name", 200, Add);
        var district = Text(request.District, "district", 100, Add);
        var timeZone = string.IsNullOrWhiteSpace(request.TimeZone) ? HallLayout.DefaultTimeZone : request.TimeZone.Trim();
        if (timeZone.Length > MaxTimeZoneLength || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            Add("timeZone", $"'{timeZone}' is not a known IANA time zone.");
        }

        var hours = new List<WeeklyOpeningHours>();
        var hoursIn = request.OpeningHours ?? [];
        for (var i = 0; i < hoursIn.Count; i++)
        {
            var field = $"openingHours[{i}]";
            var item = hoursIn[i];
            if (item is null)
            {
                Add(field, "Must not be null.");
                continue;
            }

            DayOfWeek? day = ParseDay(item.Day);
            if (day is null)
            {
                Add($"{field}.day", "Must be one of monday … sunday.");
            }
            else if (hours.Any(h => h.Day == day))
            {
                Add($"{field}.day", $"{item.Day} is listed more than once.");
            }

            var opens = ParseTime(item.Opens, $"{field}.opens", Add);
            var closes = ParseTime(item.Closes, $"{field}.closes", Add);
            if (opens is not null && closes is not null && opens >= closes)
            {
                Add(field, "Must open before it closes.");
            }

            if (day is not null && opens is not null && closes is not null)
            {
                hours.Add(new WeeklyOpeningHours(day.Value, opens.Value, closes.Value));
            }
        }

        var overrides = new List<OpeningHoursOverride>();
        var overridesIn = request.Overrides ?? [];
        if (overridesIn.Count > MaxOverrides)
        {
            Add("overrides", $"At most {MaxOverrides} dated exceptions.");
        }

        for (var i = 0; i < overridesIn.Count; i++)
        {
            var field = $"overrides[{i}]";
            var item = overridesIn[i];
            if (item is null)
            {
                Add(field, "Must not be null.");
                continue;
            }

            if (!DateOnly.TryParseExact(item.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Add($"{field}.date", "Must be a date as yyyy-MM-dd.");
            }
            else if (overrides.Any(o => o.Date == date))
            {
                Add($"{field}.date", $"{item.Date} is listed more than once.");
            }

            TimeOnly? opens = null, closes = null;
            if (item.Opens is not null || item.Closes is not null)
            {
                opens = ParseTime(item.Opens, $"{field}.opens", Add);
                closes = ParseTime(item.Closes, $"{field}.closes", Add);
                if (opens is not null && closes is not null && opens >= closes)
                {
                    Add(field, "Must open before it closes (omit both times for a closed day).");
                }
            }

            if (item.Reason is { Length: > 200 })
            {
                Add($"{field}.reason", "At most 200 characters.");
            }

            overrides.Add(new OpeningHoursOverride(date, opens, closes, item.Reason?.Trim()));
        }

        var zones = new List<HallZone>();
        var zonesIn = request.Zones ?? [];
        if (zonesIn.Count == 0)
        {
            Add("zones", "A hall has at least one zone.");
        }
        else if (zonesIn.Count > MaxZones)
        {
            Add("zones", $"At most {MaxZones} zones.");
        }

        for (var i = 0; i < zonesIn.Count && i < MaxZones; i++)
        {
            var field = $"zones[{i}]";
            var item = zonesIn[i];
            if (item is null)
            {
                Add(field, "Must not be null.");
                continue;
            }

            if (!IsValidId(item.ZoneId))
            {
                Add($"{field}.zoneId", Identifier.Rule);
            }
            else if (zones.Any(z => z.ZoneId == item.ZoneId))
            {
                Add($"{field}.zoneId", $"'{item.ZoneId}' is used by another zone.");
            }

            if (item.Kind is null || !ZoneKinds.All.Contains(item.Kind))
            {
                Add($"{field}.kind", $"Must be one of {string.Join(", ", ZoneKinds.All.Order(StringComparer.Ordinal))}.");
            }

            var zoneName = Text(item.Name, $"{field}.name", 100, Add);
            if (item.AreaM2 is not { } area || area <= 0 || area > MaxZoneAreaM2)
            {
                Add($"{field}.areaM2", $"Must be more than 0 and at most {MaxZoneAreaM2} m².");
            }

            zones.Add(new HallZone(item.ZoneId ?? string.Empty, item.Kind ?? string.Empty, zoneName, item.AreaM2 ?? 0));
        }

        errors = problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        return errors.Count > 0
            ? null
            : new HallLayout(
                name,
                district,
                timeZone,
                [.. hours.OrderBy(h => h.Day)],
                [.. overrides.OrderBy(o => o.Date)],
                [.. zones.OrderBy(z => z.ZoneId, StringComparer.Ordinal)]);
    }

    public static string DayName(DayOfWeek day) => day.ToString().ToLowerInvariant();

    public static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static DayOfWeek? ParseDay(string? value) =>
        value is not null && Enum.TryParse<DayOfWeek>(value, ignoreCase: true, out var day)
            && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            ? day
            : null;

    private static TimeOnly? ParseTime(string? value, string field, Action<string, string> add)
    {
        if (TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        add(field, "Must be a local time as HH:mm.");
        return null;
    }

    private static string Text(string? value, string field, int maxLength, Action<string, string> add)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            add(field, "Required.");
        }
        else if (trimmed.Length > maxLength)
        {
            add(field, $"At most {maxLength} characters.");
        }

        return trimmed;
    }
}
