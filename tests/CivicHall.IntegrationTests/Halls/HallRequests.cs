namespace CivicHall.IntegrationTests.Halls;

/// <summary>Hall bodies as a client sends them (built from the seeds' Qingpu hall).</summary>
public static class HallRequests
{
    public static object Qingpu(string name = "青浦区行政服务中心", decimal serviceFloorArea = 1200m, string? extraZone = null, string opens = "09:00", string closes = "17:00")
    {
        var zones = new List<object>
        {
            new { zoneId = "queue", kind = "entrance_queue", name = "排队区", areaM2 = 150m },
            new { zoneId = "check", kind = "security_check", name = "安检区", areaM2 = 60m },
            new { zoneId = "floor-1", kind = "service_floor", name = "一楼服务区", areaM2 = serviceFloorArea },
            new { zoneId = "isolation", kind = "isolation", name = "临时隔离区", areaM2 = 20m },
            new { zoneId = "meeting-a", kind = "meeting_room", name = "会议室A", areaM2 = 80m },
        };
        if (extraZone is not null)
        {
            zones.Add(new { zoneId = extraZone, kind = "self_service", name = "自助服务区", areaM2 = 40m });
        }

        return new
        {
            name,
            district = "青浦区",
            timeZone = "Asia/Shanghai",
            openingHours = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }
                .Select(day => new { day, opens, closes }).ToArray(),
            overrides = new[] { new { date = "2026-12-05", opens = (string?)"09:00", closes = (string?)"12:00", reason = "周六延时服务" } },
            zones,
        };
    }

    /// <summary>A hall open Monday to Friday 09:00–17:00 (Asia/Shanghai) without overrides, with the given zones.</summary>
    public static object Weekdays(string name, IEnumerable<object> zones) => new
    {
        name,
        district = "青浦区",
        timeZone = "Asia/Shanghai",
        openingHours = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }
            .Select(day => new { day, opens = "09:00", closes = "17:00" }).ToArray(),
        overrides = Array.Empty<object>(),
        zones,
    };
}
