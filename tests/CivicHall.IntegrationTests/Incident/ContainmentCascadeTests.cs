using CivicHall.Booking.Data;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.HallDirectory;
using CivicHall.Incident.Containment;
using CivicHall.IntegrationTests.Booking;
using Microsoft.Extensions.Time.Testing;
using static CivicHall.IntegrationTests.Incident.ContainmentSetup;

namespace CivicHall.IntegrationTests.Incident;

/// <summary>
/// One system with every service and the gateway; booking and incident share a clock fixed at 08:40 (Shanghai) on the
/// test day, so incident's orders fall on the day whose later slots were booked. Each test has halls of its own.
/// </summary>
public sealed class ContainmentCascadeFixture(TestInfrastructure infrastructure) : IAsyncLifetime
{
    public static readonly DateOnly Day = BookingSetup.NextWeekday();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(Day.ToDateTime(new TimeOnly(8, 40)), TimeSpan.FromHours(8)).ToUniversalTime());

    public CivicHallSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await CivicHallSystem.StartAsync(
        infrastructure,
        withGateway: true,
        bookingClock: Clock,
        extraSettings: new Dictionary<string, string?> { ["Incident:Deadlines:Interval"] = "1.00:00:00" },
        configureServices: (service, services) =>
        {
            if (service == CivicHallSystem.Incident)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }
        });

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(System);
}

/// <summary>
/// Issue 19's must-show for containment, end to end with every real participant and no simulated event: a duty leader's
/// zone closure closes the zone in occupancy, opens a terminal task in sanitation and moves (or cancels with the online
/// route) the bookings of the zone's window group, each acknowledged with its counts, and the zone reopens only after
/// the terminal record and a second leader's confirmation; a suspension approved by a second person sends the door
/// queue away, turns visitors away and cancels the bookings with the online route, and its resumption restores
/// booking and the door.
/// </summary>
public sealed class ContainmentCascadeTests(ContainmentCascadeFixture fixture) : IClassFixture<ContainmentCascadeFixture>
{
    private const string Route = "https://zwdt.sh.gov.cn/item/pension";
    private static readonly DateOnly Day = ContainmentCascadeFixture.Day;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CivicHallSystem System => fixture.System;

    private static string Root(string hallId) => $"/api/v1/halls/{hallId}/containment";

    private static string Slot(DateOnly day, string time, string group = "social") => $"{day:yyyyMMdd}-{time}-{group}";

    /// <summary>The first weekday after <paramref name="day"/>.</summary>
    private static DateOnly NextWeekday(DateOnly day)
    {
        do
        {
            day = day.AddDays(1);
        }
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        return day;
    }

    private HttpClient Gateway(string subject, params string[] roles)
    {
        var client = System[CivicHallSystem.Gateway].CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create(roles, subject, TimeProvider.System));
        return client;
    }

    /// <summary>
    /// A hall known to every service: group <c>social</c> (pension, with an online route) served in zone floor-1,
    /// group <c>tax</c> in no zone; 3 places a slot each.
    /// </summary>
    private async Task HallAsync(string hallId, int horizonDays = 7, decimal floorAreaM2 = 1000m)
    {
        await AddHallAsync(System, hallId, floorAreaM2);
        await Eventually.UntilAsync(
            () => System.QueryAsync<BookingDbContext, bool>(CivicHallSystem.Booking, db => db.Set<KnownHall>().AnyAsync(h => h.HallId == hallId && h.Version > 0, Ct)),
            known => known, because: "booking should learn of the hall");
        using var ops = Gateway("ops-setup", Roles.Ops);
        var policy = new
        {
            slotMinutes = 30,
            windowGroups = new object[] { new { group = "social", windows = 1, zoneId = "floor-1" }, new { group = "tax", windows = 1 } },
            phaseShare = 1m,
            dailyQuota = 500,
            horizonDays,
            maxActiveBookingsPerPerson = 5,
            walkInReserveShare = 0m,
        };
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/booking-policy", policy, Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/service-items/pension", BookingSetup.Item(online: true), Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/service-items/tax", BookingSetup.Item(name: "个税申报", group: "tax"), Ct)).EnsureSuccessStatusCode();
    }

    private async Task<(HttpStatusCode Status, string? Code, JsonElement Body)> TryBookAsync(string hallId, string slotId, int person, string item = "pension")
    {
        using var citizen = Gateway($"citizen-{person}", Roles.Citizen);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new { hallId, itemId = item, slotId, channel = "app", confirmOnSite = true, person = TestPeople.Person(person) }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var (status, code, body, _) = await SendAsync(citizen.SendAsync(request, Ct));
        return (status, code, body);
    }

    private async Task<Guid> BookAsync(string hallId, string slotId, int person, string item = "pension")
    {
        var (status, _, body) = await TryBookAsync(hallId, slotId, person, item);
        Assert.True(status == HttpStatusCode.Created, $"booking {slotId} answered {status}: {body}");
        return body.GetProperty("bookingId").GetGuid();
    }

    /// <summary>The booking as the gateway shows it to a duty leader.</summary>
    private static async Task<JsonElement> ReadAsync(HttpClient staff, Guid bookingId)
    {
        var (status, _, body, _) = await SendAsync(staff.GetAsync($"/api/v1/bookings/{bookingId}", Ct));
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private static (string? Status, string? Slot, string? Reason) Shape(JsonElement booking, string reasonField) =>
        (booking.GetProperty("status").GetString(), booking.GetProperty("slotId").GetString(), booking.GetProperty(reasonField).GetString());

    private static async Task<List<TEvent>> UntilReceivedAsync<TEvent>(EventProbe<TEvent> probe, Func<TEvent, bool> mine, int count)
        where TEvent : class =>
        await Eventually.UntilAsync(
            () => Task.FromResult(probe.Received.Where(mine).ToList()),
            received => received.Count >= count,
            TimeSpan.FromSeconds(60),
            $"{count} {typeof(TEvent).Name} event(s) should be published");

    private static (int Moved, int Cancelled) Counts(JsonElement view)
    {
        var booking = Participant(view, ContainmentParticipants.Booking);
        return (booking.GetProperty("moved").GetInt32(), booking.GetProperty("cancelled").GetInt32());
    }

    [Fact]
    public async Task A_zone_closure_closes_the_zone_schedules_terminal_disinfection_moves_or_cancels_its_groups_bookings_and_reopens_only_once_sanitized()
    {
        const string hall = "cascade-zone";
        const string cramped = "cascade-zone-nohorizon";
        await HallAsync(hall);
        await HallAsync(cramped, horizonDays: 0); // nothing later to move to
        using var leader = Gateway("leader-wang", Roles.DutyLeader);
        using var leaderZhao = Gateway("leader-zhao", Roles.DutyLeader);
        await AdmitAsync(System, hall, [1]);
        await using var moves = await EventProbe<BookingMoved>.StartAsync(System.MessagingUri);
        await using var cancels = await EventProbe<BookingCancelled>.StartAsync(System.MessagingUri);

        // Today's later slots: three in floor-1's group, one in the other group; one more in the hall with no later day.
        var later = NextWeekday(Day);
        var social = new[] { await BookAsync(hall, Slot(Day, "0900"), 1), await BookAsync(hall, Slot(Day, "0900"), 2), await BookAsync(hall, Slot(Day, "1000"), 3) };
        var tax = await BookAsync(hall, Slot(Day, "0900", "tax"), 4, item: "tax");
        var stuck = await BookAsync(cramped, Slot(Day, "1400"), 5);
        var stuckTax = await BookAsync(cramped, Slot(Day, "1400", "tax"), 6, item: "tax");

        var id = Guid.NewGuid();
        var ordered = await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/zone-closures", new { containmentId = id, zoneId = "floor-1", reason = "确诊病例曾到访一楼服务区" }, Ct));
        Assert.Equal((HttpStatusCode.Created, 3), (ordered.Status, ordered.Body.GetProperty("participants").GetArrayLength()));
        var crampedId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync($"{Root(cramped)}/zone-closures",
            new { containmentId = crampedId, zoneId = "floor-1", reason = "确诊病例曾到访一楼服务区" }, Ct))).Status);

        // Every participant answers with its counts: occupancy one person inside, sanitation a task, booking 3 moved / 1 cancelled.
        var view = await UntilAcknowledgedAsync(leader, hall, id, ContainmentParticipants.Occupancy, ContainmentParticipants.Sanitation, ContainmentParticipants.Booking);
        Assert.Equal(("closed", 1), (await ZoneStateAsync(System, hall, "floor-1"), Participant(view, ContainmentParticipants.Occupancy).GetProperty("peopleInside").GetInt32()));
        var taskId = Participant(view, ContainmentParticipants.Sanitation).GetProperty("taskId").GetGuid();
        using (var sanitation = Gateway("leader-wang", Roles.DutyLeader))
        {
            var (boardStatus, _, board, _) = await SendAsync(sanitation.GetAsync($"/api/v1/halls/{hall}/sanitation/tasks?zoneId=floor-1&limit=100", Ct));
            Assert.Equal(HttpStatusCode.OK, boardStatus);
            Assert.Contains(taskId.ToString(), board.GetRawText(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal((3, 0), Counts(view));
        var crampedView = await UntilAcknowledgedAsync(leader, cramped, crampedId, ContainmentParticipants.Occupancy, ContainmentParticipants.Sanitation, ContainmentParticipants.Booking);
        Assert.Equal((0, 1), Counts(crampedView));

        // The floor-1 group's bookings moved to the later day (BookingMoved zone_closed), the other group's untouched.
        var moved = await UntilReceivedAsync(moves, m => m.HallId == hall, 3);
        Assert.Equal(social.Order(), moved.Select(m => m.BookingId).Order());
        Assert.All(moved, m => Assert.Equal((CancelReasons.ZoneClosed, true), (m.Reason, m.ToSlotId.StartsWith($"{later:yyyyMMdd}-", StringComparison.Ordinal))));
        foreach (var booking in social)
        {
            var read = await ReadAsync(leader, booking);
            Assert.Equal(("confirmed", "zone_closed", later), (read.GetProperty("status").GetString(), read.GetProperty("moveReason").GetString(),
                DateOnly.FromDateTime(read.GetProperty("startsAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).DateTime)));
        }

        Assert.Equal(("confirmed", Slot(Day, "0900", "tax"), null), Shape(await ReadAsync(leader, tax), "moveReason"));
        Assert.Equal(("cancelled", Slot(Day, "1400"), "zone_closed"), Shape(await ReadAsync(leader, stuck), "cancelReason"));
        Assert.Equal(("confirmed", Slot(Day, "1400", "tax"), null), Shape(await ReadAsync(leader, stuckTax), "cancelReason"));
        var cancelled = Assert.Single(await UntilReceivedAsync(cancels, c => c.HallId == cramped, 1));
        Assert.Equal((stuck, CancelReasons.ZoneClosed, Route), (cancelled.BookingId, cancelled.Reason, cancelled.OnlineRoute));
        Assert.DoesNotContain(cancels.Received, c => c.HallId == hall);

        // The group takes no new booking while the zone is closed; the other group does.
        Assert.Equal((HttpStatusCode.Conflict, "zone_closed"), Pick3(await TryBookAsync(hall, Slot(Day, "1500"), 7)));
        await BookAsync(hall, Slot(Day, "1500", "tax"), 8, item: "tax");

        // The terminal record alone reopens nothing; a second leader's confirmation sanitizes and reopens the zone.
        var now = DateTimeOffset.UtcNow;
        var record = new
        {
            recordId = Guid.NewGuid(),
            taskId,
            zoneId = "floor-1",
            method = "spray",
            agent = "chlorine",
            strength = 1000m,
            startedAt = now.AddMinutes(-20),
            endedAt = now.AddMinutes(-5),
            evidence = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        };
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync($"/api/v1/halls/{hall}/sanitation/records", record, Ct))).Status);
        Assert.Equal("ordered", (await ViewAsync(leader, hall, id)).GetProperty("state").GetString());
        Assert.Equal("closed", await ZoneStateAsync(System, hall, "floor-1"));
        Assert.Equal((HttpStatusCode.Conflict, "zone_closed"), Pick3(await TryBookAsync(hall, Slot(Day, "1500"), 7)));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leaderZhao.PostAsync($"/api/v1/halls/{hall}/sanitation/terminal-disinfections/{taskId}/confirmation", null, Ct))).Status);
        await Eventually.UntilAsync(() => ZoneStateAsync(System, hall, "floor-1"), s => s == "open", because: "occupancy should reopen the zone on ZoneSanitized");
        await Eventually.UntilAsync(() => ViewAsync(leader, hall, id), v => v.GetProperty("state").GetString() == "sanitized", because: "incident should hear the zone sanitized");
        await Eventually.UntilAsync(() => TryBookAsync(hall, Slot(Day, "1500"), 7), r => r.Status == HttpStatusCode.Created, because: "booking should take the group again");
    }

    [Fact]
    public async Task A_suspension_needs_a_second_persons_approval_then_sends_the_queue_away_turns_visitors_away_cancels_bookings_with_the_route_and_resumption_restores_both()
    {
        const string hall = "cascade-pause";
        await HallAsync(hall, floorAreaM2: 100m); // 15 places on the floor
        using var leader = Gateway("leader-li", Roles.DutyLeader, Roles.Ops);
        using var dutyOnly = Gateway("leader-zhou", Roles.DutyLeader);
        using var ops = Gateway("ops-chen", Roles.Ops);
        var first = await AdmitAsync(System, hall, Enumerable.Range(1, 17));
        Assert.Equal((15, 2), ((await FloorAsync(System, hall)).Inside, (await FloorAsync(System, hall)).QueueLength));
        await using var cancels = await EventProbe<BookingCancelled>.StartAsync(System.MessagingUri);
        var bookings = new[]
        {
            await BookAsync(hall, Slot(Day, "0900"), 21),
            await BookAsync(hall, Slot(Day, "1100"), 22),
            await BookAsync(hall, Slot(Day, "1000", "tax"), 23, item: "tax"),
        };

        var suspensionId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created,
            (await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/suspensions", new { containmentId = suspensionId, reason = "大厅内发现确诊病例，暂停现场服务" }, Ct))).Status);
        var approval = $"{Root(hall)}/{suspensionId}/approval";
        var consent = new { governmentConsentRef = "青府应急〔2026〕12号" };

        // Refused by the requester and without the ops role: nothing happens anywhere.
        Assert.Equal((HttpStatusCode.Conflict, "second_person_required"), Pick(await SendAsync(leader.PostAsJsonAsync(approval, consent, Ct))));
        Assert.Equal(HttpStatusCode.Forbidden, (await dutyOnly.PostAsJsonAsync(approval, consent, Ct)).StatusCode);
        Assert.Equal(("requested", 0), ((await ViewAsync(leader, hall, suspensionId)).GetProperty("state").GetString(),
            (await ViewAsync(leader, hall, suspensionId)).GetProperty("participants").GetArrayLength()));
        Assert.Equal(("open", 2), ((await FloorAsync(System, hall)).OnSiteState, (await FloorAsync(System, hall)).QueueLength));
        foreach (var booking in bookings)
        {
            Assert.Equal("confirmed", (await ReadAsync(leader, booking)).GetProperty("status").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ops.PostAsJsonAsync(approval, consent, Ct))).Status);

        // Occupancy sends the queue away, booking cancels the three with the item's route; both acknowledge with counts.
        var view = await UntilAcknowledgedAsync(leader, hall, suspensionId, ContainmentParticipants.Occupancy, ContainmentParticipants.Booking);
        Assert.Equal((2, 15), (Participant(view, ContainmentParticipants.Occupancy).GetProperty("queueSentAway").GetInt32(),
            Participant(view, ContainmentParticipants.Occupancy).GetProperty("peopleInside").GetInt32()));
        Assert.Equal((0, 3), Counts(view));
        Assert.Equal((0, "suspended"), ((await FloorAsync(System, hall)).QueueLength, (await FloorAsync(System, hall)).OnSiteState));
        Assert.Equal(2, (await AdmissionsAsync(System, first)).Count(a => a.Reason == "on_site_suspended"));
        var late = await AdmitAsync(System, hall, [18]);
        Assert.Equal(("turned_away", "on_site_suspended"), (await AdmissionsAsync(System, late)).Select(a => (a.State, a.Reason)).Single());

        foreach (var booking in bookings)
        {
            var read = await ReadAsync(leader, booking);
            Assert.Equal(("cancelled", "on_site_suspended"), (read.GetProperty("status").GetString(), read.GetProperty("cancelReason").GetString()));
        }

        var cancelled = await UntilReceivedAsync(cancels, c => c.HallId == hall, 3);
        Assert.Equal(bookings.Order(), cancelled.Select(c => c.BookingId).Order());
        Assert.All(cancelled, c => Assert.Equal((CancelReasons.OnSiteSuspended, c.BookingId == bookings[2] ? null : Route), (c.Reason, c.OnlineRoute)));
        Assert.Equal(((HttpStatusCode)422, "hall_closed"), Pick3(await TryBookAsync(hall, Slot(Day, "1400"), 24)));

        // Resumption, approved by a second person: booking takes bookings again and the door takes visitors.
        var resumptionId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/resumptions",
            new { containmentId = resumptionId, suspensionId, reason = "经县政府同意恢复现场服务" }, Ct))).Status);
        Assert.Equal((HttpStatusCode.Conflict, "second_person_required"), Pick(await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/{resumptionId}/approval", consent, Ct))));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ops.PostAsJsonAsync($"{Root(hall)}/{resumptionId}/approval", consent, Ct))).Status);
        await UntilAcknowledgedAsync(leader, hall, resumptionId, ContainmentParticipants.Occupancy, ContainmentParticipants.Booking);
        Assert.Equal("open", (await FloorAsync(System, hall)).OnSiteState);
        await Eventually.UntilAsync(() => TryBookAsync(hall, Slot(Day, "1400"), 24), r => r.Status == HttpStatusCode.Created, because: "booking should take bookings again");
        var after = await AdmitAsync(System, hall, [19]);
        Assert.NotEqual("turned_away", (await AdmissionsAsync(System, after)).Single().State);
        Assert.Equal(3, cancels.Received.Count(c => c.HallId == hall));
    }

    private static (HttpStatusCode, string?) Pick3((HttpStatusCode Status, string? Code, JsonElement Body) answer) => (answer.Status, answer.Code);
}
