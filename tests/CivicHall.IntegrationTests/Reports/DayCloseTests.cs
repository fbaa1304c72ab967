using CivicHall.Booking.Data;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Contracts.Screening.V1;
using CivicHall.Incident.Data;
using CivicHall.IntegrationTests.Incident;
using CivicHall.Messaging.Outbox;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Floor;
using CivicHall.Screening.Data;
using CivicHall.Screening.Decisions;
using CivicHall.Screening.Screenings;
using BookingRecord = CivicHall.Booking.Bookings.Booking;
using BookingStatus = CivicHall.Booking.Bookings.BookingStatus;
using BookingSweep = CivicHall.Booking.Reports.DayCloseSweep;
using OccupancySweep = CivicHall.Occupancy.Reports.DayCloseSweep;
using ScreeningSweep = CivicHall.Screening.Reports.DayCloseSweep;

namespace CivicHall.IntegrationTests.Reports;

/// <summary>
/// The day closes of screening, occupancy and booking against real PostgreSQL: known records of a past hall-day
/// (written in each service's tables) give exactly the hand-counted summary; a second pass publishes nothing; a
/// record arriving late publishes revision 2. A configured hall with no activity gets zero summaries from each
/// service's sweep, and incident's report of the day shows them in.
/// </summary>
public sealed class DayCloseTests(IncidentSystemFixture fixture) : IClassFixture<IncidentSystemFixture>
{
    private const string Zone = "Asia/Shanghai";
    private static readonly DateOnly Day = new(2026, 1, 12);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Local(int hour, int minute = 0) => new DateTimeOffset(2026, 1, 12, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private T Sweep<T>(string service)
        where T : notnull => fixture.System[service].Services.GetRequiredService<T>();

    /// <summary>The summaries of type <typeparamref name="TEvent"/> a service wrote to its outbox for the hall, by revision.</summary>
    private async Task<List<JsonElement>> OutboxAsync<TDbContext, TEvent>(string service, string hallId)
        where TDbContext : DbContext
    {
        var type = typeof(TEvent).FullName;
        var payloads = await fixture.System.QueryAsync<TDbContext, List<string>>(
            service, db => db.Set<OutboxMessage>().Where(m => m.MessageType == type).Select(m => m.Payload).ToListAsync(Ct));
        return [.. payloads.Select(p => JsonDocument.Parse(p).RootElement.Clone())
            .Where(p => p.GetProperty("hallId").GetString() == hallId)
            .OrderBy(p => p.GetProperty("localDate").GetString()).ThenBy(p => p.GetProperty("revision").GetInt32())];
    }

    private static ScreeningRecord Reading(string hallId, DateTimeOffset at, string outcome, string kind = "visitor", params (string Outcome, string Rule)[] findings) => new()
    {
        Id = Guid.NewGuid(),
        HallId = hallId,
        PersonKind = kind,
        PersonKey = "pk-" + Guid.NewGuid().ToString("N")[..12],
        IdNumberEncrypted = "x",
        IdNumberMasked = "3101**********0012",
        NameEncrypted = "x",
        NameMasked = "张*",
        RecordedBy = "screener-001",
        HealthCode = "green",
        TakenAt = at,
        TemperatureC = 36.5m,
        Outcome = outcome,
        Findings = [.. findings.Select(f => new Finding(f.Outcome, f.Rule, "test"))],
        CreatedAt = at,
        PurgeAfter = at.AddDays(28),
    };

    [Fact]
    public async Task Screening_counts_a_known_day_by_outcome_rule_and_person_kind_once_and_a_late_reading_makes_revision_2()
    {
        const string hall = "dc-screen";
        await fixture.System.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db =>
        {
            db.Screenings.AddRange(
                Reading(hall, Local(9), "admit"),
                Reading(hall, Local(9, 5), "admit", "staff"),
                Reading(hall, Local(10), "deny", "visitor", ("deny", "temperature.home_observation")),
                Reading(hall, Local(10, 30), "deny", "visitor", ("deny", "booking.missing")),
                Reading(hall, Local(11), "isolate", "visitor", ("isolate", "temperature.isolate"), ("deny", "antigen.missing")),
                Reading(hall, Local(12), "retest", "visitor", ("retest", "temperature.retest")),
                Reading(hall, Local(13), "manual_check", "visitor", ("manual_check", "identity.manual")),
                Reading(hall, Local(0).AddMinutes(-1), "admit"), // the day before, local
                Reading(hall, Local(0).AddDays(1), "admit"), // the day after
                Reading("dc-screen-other", Local(9), "admit"));
            return db.SaveChangesAsync(Ct);
        });
        var sweep = Sweep<ScreeningSweep>(CivicHallSystem.Screening);

        Assert.Equal(1, await fixture.System.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db => sweep.CloseAsync(db, hall, Zone, Day, Ct)));
        Assert.Equal(0, await fixture.System.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db => sweep.CloseAsync(db, hall, Zone, Day, Ct)));
        var e = Assert.Single(await OutboxAsync<ScreeningDbContext, ScreeningDayClosed>(CivicHallSystem.Screening, hall));
        var t = e.GetProperty("totals");
        Assert.Equal((7, 2, 2, 1, 1, 1, 1), (t.GetProperty("screenings").GetInt32(), t.GetProperty("admit").GetInt32(), t.GetProperty("deny").GetInt32(),
            t.GetProperty("retest").GetInt32(), t.GetProperty("manualCheck").GetInt32(), t.GetProperty("isolate").GetInt32(), t.GetProperty("deniedForHealth").GetInt32()));
        Assert.Equal(
            ["antigen.missing:1", "booking.missing:1", "identity.manual:1", "temperature.home_observation:1", "temperature.isolate:1", "temperature.retest:1"],
            e.GetProperty("rules").EnumerateArray().Select(r => $"{r.GetProperty("rule").GetString()}:{r.GetProperty("screenings").GetInt32()}"));
        Assert.Equal(["staff:1", "visitor:6"], e.GetProperty("personKinds").EnumerateArray()
            .Select(k => $"{k.GetProperty("personKind").GetString()}:{k.GetProperty("outcomes").GetProperty("screenings").GetInt32()}"));

        // A lane that was offline syncs a reading of the day after the close: the next revision.
        await fixture.System.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db =>
        {
            db.Screenings.Add(Reading(hall, Local(16), "admit"));
            return db.SaveChangesAsync(Ct);
        });
        Assert.Equal(1, await fixture.System.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db => sweep.CloseAsync(db, hall, Zone, Day, Ct)));
        var events = await OutboxAsync<ScreeningDbContext, ScreeningDayClosed>(CivicHallSystem.Screening, hall);
        Assert.Equal([1, 2], events.Select(x => x.GetProperty("revision").GetInt32()));
        Assert.Equal(8, events[1].GetProperty("totals").GetProperty("screenings").GetInt32());
    }

    private static Admission Visit(string hallId, DateTimeOffset arrived, DateTimeOffset? admitted, DateTimeOffset? exited, AdmissionState? state = null) => new()
    {
        Id = Guid.NewGuid(),
        HallId = hallId,
        PersonKey = "pk-" + Guid.NewGuid().ToString("N")[..12],
        PersonKind = "visitor",
        State = state ?? (exited is not null ? AdmissionState.Exited : admitted is not null ? AdmissionState.Inside : AdmissionState.Queued),
        ArrivedAt = arrived,
        AdmittedAt = admitted,
        ExitedAt = exited,
        PurgeAfter = arrived.AddDays(28),
    };

    [Fact]
    public async Task Occupancy_counts_admissions_turned_away_exits_and_the_peaks_and_a_late_exit_makes_revision_2()
    {
        const string hall = "dc-occ";
        // Inside: A 9:00–9:30, B 9:10–9:40, C 9:20–10:00 → 3 at 9:20; D 9:30–9:50 comes as A leaves (leave first) → still 3.
        // Queue: B waited 9:05–9:10, C 9:06–9:20, E 9:08– still queued at midnight → 3 at 9:08.
        // Turned away: F at 11:00. Carried over: G in since the evening before, leaves 8:00 (an exit, not an admission).
        var late = Visit(hall, Local(15), Local(15), null);
        await fixture.System.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db =>
        {
            db.Admissions.AddRange(
                Visit(hall, Local(9), Local(9), Local(9, 30)),
                Visit(hall, Local(9, 5), Local(9, 10), Local(9, 40)),
                Visit(hall, Local(9, 6), Local(9, 20), Local(10)),
                Visit(hall, Local(9, 30), Local(9, 30), Local(9, 50)),
                Visit(hall, Local(9, 8), null, null),
                Visit(hall, Local(11), null, null, AdmissionState.TurnedAway),
                Visit(hall, Local(0).AddHours(-3), Local(0).AddHours(-3), Local(8)),
                late);
            return db.SaveChangesAsync(Ct);
        });
        var sweep = Sweep<OccupancySweep>(CivicHallSystem.Occupancy);
        Assert.Equal(1, await fixture.System.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db => sweep.CloseAsync(db, hall, Zone, Day, Ct)));
        Assert.Equal(0, await fixture.System.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db => sweep.CloseAsync(db, hall, Zone, Day, Ct)));
        var e = Assert.Single(await OutboxAsync<OccupancyDbContext, OccupancyDayClosed>(CivicHallSystem.Occupancy, hall));
        Assert.Equal((5, 1, 5), (e.GetProperty("admissions").GetInt32(), e.GetProperty("turnedAway").GetInt32(), e.GetProperty("exits").GetInt32()));
        Assert.Equal(3, e.GetProperty("peakInside").GetInt32());
        Assert.Equal(Local(9, 20), e.GetProperty("peakInsideAt").GetDateTimeOffset());
        Assert.Equal(3, e.GetProperty("peakQueue").GetInt32());
        Assert.Equal(Local(9, 8), e.GetProperty("peakQueueAt").GetDateTimeOffset());

        // The 15:00 visitor's exit at 16:00 is recorded after the close: revision 2 with one exit more.
        await fixture.System.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, async db =>
            await db.Admissions.Where(a => a.Id == late.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.ExitedAt, Local(16)).SetProperty(a => a.State, AdmissionState.Exited), Ct));
        Assert.Equal(1, await fixture.System.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db => sweep.CloseAsync(db, hall, Zone, Day, Ct)));
        var events = await OutboxAsync<OccupancyDbContext, OccupancyDayClosed>(CivicHallSystem.Occupancy, hall);
        Assert.Equal([1, 2], events.Select(x => x.GetProperty("revision").GetInt32()));
        Assert.Equal(6, events[1].GetProperty("exits").GetInt32());
    }

    private static BookingRecord Booked(string hallId, DateOnly date, string channel, BookingStatus status) => new()
    {
        Id = Guid.NewGuid(),
        HallId = hallId,
        ItemId = "item-1",
        WindowGroup = "w",
        SlotId = "slot-1",
        Date = date,
        SlotStartsAt = Local(9),
        SlotEndsAt = Local(10),
        Channel = channel,
        Kind = "regular",
        Status = status,
        PersonKey = "pk-" + Guid.NewGuid().ToString("N")[..12],
        IdNumberEncrypted = "x",
        IdNumberMasked = "3101**********0012",
        NameEncrypted = "x",
        NameMasked = "张*",
        CreatedBy = "citizen",
        CreatedAt = Local(8),
    };

    [Fact]
    public async Task Booking_counts_the_days_bookings_by_channel_and_a_no_show_marked_after_midnight_makes_revision_2()
    {
        const string hall = "dc-book";
        var pending = Booked(hall, Day, "phone", BookingStatus.CheckedIn);
        await fixture.System.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db =>
        {
            db.Bookings.AddRange(
                Booked(hall, Day, "app", BookingStatus.Served), Booked(hall, Day, "app", BookingStatus.Served), Booked(hall, Day, "app", BookingStatus.NoShow),
                Booked(hall, Day, "portal", BookingStatus.Cancelled), pending, Booked(hall, Day.AddDays(1), "app", BookingStatus.Confirmed));
            return db.SaveChangesAsync(Ct);
        });
        var sweep = Sweep<BookingSweep>(CivicHallSystem.Booking);
        Assert.Equal(1, await fixture.System.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => sweep.CloseAsync(db, hall, Zone, Day, Ct)));
        Assert.Equal(0, await fixture.System.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => sweep.CloseAsync(db, hall, Zone, Day, Ct)));
        var e = Assert.Single(await OutboxAsync<BookingDbContext, BookingDayClosed>(CivicHallSystem.Booking, hall));
        var t = e.GetProperty("totals");
        Assert.Equal((5, 2, 1, 1), (t.GetProperty("booked").GetInt32(), t.GetProperty("served").GetInt32(), t.GetProperty("noShow").GetInt32(), t.GetProperty("cancelled").GetInt32()));
        Assert.Equal(["app:3", "phone:1", "portal:1"], e.GetProperty("channels").EnumerateArray()
            .Select(c => $"{c.GetProperty("channel").GetString()}:{c.GetProperty("bookings").GetProperty("booked").GetInt32()}"));

        await fixture.System.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, async db =>
            await db.Bookings.Where(b => b.Id == pending.Id).ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, BookingStatus.NoShow), Ct));
        Assert.Equal(1, await fixture.System.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => sweep.CloseAsync(db, hall, Zone, Day, Ct)));
        var events = await OutboxAsync<BookingDbContext, BookingDayClosed>(CivicHallSystem.Booking, hall);
        Assert.Equal([1, 2], events.Select(x => x.GetProperty("revision").GetInt32()));
        Assert.Equal(2, events[1].GetProperty("totals").GetProperty("noShow").GetInt32());
    }

    [Fact]
    public async Task An_idle_configured_hall_gets_zero_summaries_from_each_sweep_and_incident_reports_them_in()
    {
        const string hall = "dc-idle";
        await fixture.AddHallAsync(hall);
        await Eventually.UntilAsync(
            async () => await fixture.System.QueryAsync<ScreeningDbContext, bool>(CivicHallSystem.Screening, db => db.Halls.AnyAsync(h => h.HallId == hall && h.Version > 0, Ct))
                && await fixture.System.QueryAsync<BookingDbContext, bool>(CivicHallSystem.Booking, db => db.Halls.AnyAsync(h => h.HallId == hall && h.Version > 0, Ct)),
            known => known, because: "screening and booking should learn of the hall");

        Assert.True(await Sweep<ScreeningSweep>(CivicHallSystem.Screening).SweepOnceAsync(Ct) >= 2);
        Assert.True(await Sweep<OccupancySweep>(CivicHallSystem.Occupancy).SweepOnceAsync(Ct) >= 2);
        Assert.True(await Sweep<BookingSweep>(CivicHallSystem.Booking).SweepOnceAsync(Ct) >= 2);
        Assert.Equal(0, await Sweep<BookingSweep>(CivicHallSystem.Booking).SweepOnceAsync(Ct));

        // The services' clocks are real: the last two closed days are those before today in Shanghai.
        var yesterday = CivicHall.ServiceDefaults.HallTime.LocalDate(Zone, DateTimeOffset.UtcNow).AddDays(-1);
        var screening = await OutboxAsync<ScreeningDbContext, ScreeningDayClosed>(CivicHallSystem.Screening, hall);
        Assert.Equal(2, screening.Count);
        Assert.All(screening, s => Assert.Equal(0, s.GetProperty("totals").GetProperty("screenings").GetInt32()));
        var occupancy = Assert.Single(await OutboxAsync<OccupancyDbContext, OccupancyDayClosed>(CivicHallSystem.Occupancy, hall), o => o.GetProperty("localDate").GetString() == $"{yesterday:yyyy-MM-dd}");
        Assert.Equal(0, occupancy.GetProperty("admissions").GetInt32());

        using var leader = fixture.GatewayClient("leader-001", Roles.DutyLeader);
        var report = await Eventually.UntilAsync(
            async () => JsonDocument.Parse(await leader.GetStringAsync($"/api/v1/reports/daily?date={yesterday:yyyy-MM-dd}&hallId={hall}", Ct)).RootElement.Clone(),
            r => r.GetProperty("sourcesIn").GetArrayLength() >= 3,
            because: "incident should receive the three zero summaries through the broker");
        Assert.Equal(["screening", "occupancy", "booking"], report.GetProperty("sourcesIn").EnumerateArray().Select(s => s.GetString()!).Take(3));
        Assert.Equal(0, report.GetProperty("figures").GetProperty("screening").GetProperty("screenings").GetInt32());
    }
}
