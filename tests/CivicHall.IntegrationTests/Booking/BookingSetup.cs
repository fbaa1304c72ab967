using CivicHall.Booking.Data;
using CivicHall.HallDirectory;
using CivicHall.IntegrationTests.Halls;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>Brings a hall into booking the way production does: configured in occupancy, projected by event.</summary>
public static class BookingSetup
{
    public static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The hall's local date today.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, China).DateTime);

    /// <summary>The first Monday–Friday after today (the test hall opens on weekdays).</summary>
    public static DateOnly NextWeekday()
    {
        var day = Today.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>A system of the test's own, with the Qingpu hall as <paramref name="hallId"/> known to booking.</summary>
    public static async Task<CivicHallSystem> StartWithHallAsync(TestInfrastructure infrastructure, string hallId)
    {
        var system = await CivicHallSystem.StartAsync(infrastructure);
        try
        {
            await AddHallAsync(system, hallId);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    public static async Task AddHallAsync(CivicHallSystem system, string hallId)
    {
        using var ops = system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}", HallRequests.Qingpu(), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await Eventually.UntilAsync(
            () => system.QueryAsync<BookingDbContext, bool>(CivicHallSystem.Booking, db => db.Set<KnownHall>().AnyAsync(h => h.HallId == hallId)),
            known => known,
            because: "booking should learn of the hall");
    }

    public static object Policy(
        decimal phaseShare = 0.6m,
        int dailyQuota = 500,
        int windows = 4,
        decimal walkInReserveShare = 0m,
        DateTimeOffset? effectiveFrom = null,
        int maxActive = 3) => new
        {
            effectiveFrom,
            slotMinutes = 30,
            windowGroups = new[] { new { group = "social", windows, minutesPerCase = (int?)null } },
            phaseShare,
            dailyQuota,
            horizonDays = 7,
            maxActiveBookingsPerPerson = maxActive,
            checkInEarlyMinutes = 30,
            checkInLateMinutes = 15,
            walkInReserveShare,
            greenChannelDailyLimit = 2,
        };

    public static object Item(string name = "养老金申领", string group = "social", int minutes = 10, bool online = false) => new
    {
        name,
        windowGroup = group,
        minutesPerCase = minutes,
        onlineCapable = online,
        onlineRoute = online ? "https://zwdt.sh.gov.cn/item/pension" : null,
    };
}
