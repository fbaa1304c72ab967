using CivicHall.Contracts.Halls.V1;

namespace CivicHall.Benchmarks.Sanitation;

/// <summary>
/// The halls of the in-process phases, written straight into sanitation's hall directory (as if occupancy had
/// announced them): open Monday to Friday 09:00–17:00, Asia/Shanghai, and <c>zones</c> zones each of a mix like a
/// district hall's (per 50: service floors, waiting areas, an entrance queue and security check, self-service
/// terminals, meeting rooms, a canteen, offices, restrooms, an isolation room, courier points).
/// </summary>
internal static class BenchHalls
{
    /// <summary>Zones per 50 by kind; scaled (at least one of each kind while there is room) to another count.</summary>
    private static readonly (string Kind, int Per50)[] Mix =
    [
        (ZoneKinds.ServiceFloor, 6), (ZoneKinds.WaitingArea, 4), (ZoneKinds.EntranceQueue, 2), (ZoneKinds.SecurityCheck, 2),
        (ZoneKinds.SelfService, 6), (ZoneKinds.MeetingRoom, 4), (ZoneKinds.Canteen, 1), (ZoneKinds.Office, 14),
        (ZoneKinds.Restroom, 8), (ZoneKinds.Isolation, 1), (ZoneKinds.CourierPoint, 2),
    ];

    public const string TimeZone = "Asia/Shanghai";

    /// <summary>The zone kinds of a hall of <paramref name="zones"/> zones, in order.</summary>
    public static IReadOnlyList<string> Kinds(int zones)
    {
        var kinds = Mix.SelectMany(m => Enumerable.Repeat(m.Kind, m.Per50)).ToList();
        return [.. Enumerable.Range(0, zones).Select(i => kinds[(int)((long)i * kinds.Count / zones) % kinds.Count])];
    }

    public static HallConfigured Configured(string hallId, int zones, DateTimeOffset now)
    {
        WeeklyOpeningHours[] hours = [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new WeeklyOpeningHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))];
        HallZone[] hallZones = [.. Kinds(zones).Select((kind, i) => new HallZone($"{kind.Replace('_', '-')}-{i + 1:D2}", kind, $"{kind} {i + 1}", 50m))];
        return new HallConfigured(hallId, 1, "压测大厅 " + hallId, "青浦区", TimeZone, OnSiteStates.Open, hours, [], hallZones, now);
    }
}
