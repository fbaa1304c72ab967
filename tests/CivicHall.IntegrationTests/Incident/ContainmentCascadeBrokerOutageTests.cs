using CivicHall.Booking.Data;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Contracts.Occupancy.V1;
using CivicHall.HallDirectory;
using CivicHall.Incident.Containment;
using CivicHall.IntegrationTests.Booking;
using CivicHall.Messaging.Outbox;
using CivicHall.Occupancy.Data;
using static CivicHall.IntegrationTests.Incident.ContainmentSetup;

namespace CivicHall.IntegrationTests.Incident;

/// <summary>
/// The suspension cascade of <see cref="ContainmentCascadeTests"/> with RabbitMQ stopped for 15 s right after the
/// second person's approval: once the broker is back the suspension reaches occupancy and booking, every booking is
/// cancelled exactly once (one <c>BookingCancelled</c> each, all published), and each participant acknowledges once
/// with its counts. Runs on a broker of its own and on the services' real clocks (a relay backing off waits for its
/// clock, so a frozen test clock would hold the retries back); the bookings are for the next weekday's slots, which a
/// suspension cancels as it does today's.
/// </summary>
public sealed class ContainmentCascadeBrokerOutageTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private const string Hall = "cascade-outage";
    private const string Route = "https://zwdt.sh.gov.cn/item/pension";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);
    private IsolatedBroker _broker = null!;
    private CivicHallSystem _system = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _broker = await IsolatedBroker.StartNewAsync(infrastructure);
        try
        {
            _system = await CivicHallSystem.StartAsync(
                infrastructure,
                withGateway: true,
                messagingUri: _broker.AmqpUri,
                extraSettings: new Dictionary<string, string?> { ["Messaging:MaxRetryDelay"] = "00:00:02" });
        }
        catch
        {
            // The node of this test's own must not outlive a start that failed.
            await _broker.DisposeAsync();
            _broker = null!;
            throw;
        }
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system, _broker);

    private HttpClient Gateway(string subject, params string[] roles)
    {
        var client = _system[CivicHallSystem.Gateway].CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create(roles, subject, TimeProvider.System));
        return client;
    }

    private async Task<Guid> BookAsync(string slotId, int person, string item = "pension")
    {
        using var citizen = Gateway($"citizen-{person}", Roles.Citizen);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new { hallId = Hall, itemId = item, slotId, channel = "app", confirmOnSite = true, person = TestPeople.Person(person) }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var (status, _, body, _) = await SendAsync(citizen.SendAsync(request, Ct));
        Assert.True(status == HttpStatusCode.Created, $"booking {slotId} answered {status}: {body}");
        return body.GetProperty("bookingId").GetGuid();
    }

    private async Task<List<TEvent>> OutboxAsync<TDbContext, TEvent>(string service)
        where TDbContext : DbContext
    {
        var type = typeof(TEvent).FullName;
        var payloads = await _system.QueryAsync<TDbContext, List<string>>(
            service, db => db.Set<OutboxMessage>().Where(m => m.MessageType == type).Select(m => m.Payload).ToListAsync(Ct));
        return [.. payloads.Select(p => JsonSerializer.Deserialize<TEvent>(p, JsonSerializerOptions.Web)!)];
    }

    private Task<int> PendingAsync<TDbContext>(string service)
        where TDbContext : DbContext =>
        _system.QueryAsync<TDbContext, int>(service, db => db.Set<OutboxMessage>().CountAsync(m => m.PublishedAt == null, Ct));

    [Fact]
    public async Task Every_booking_is_cancelled_exactly_once_and_every_acknowledgement_arrives_when_the_broker_stops_for_15_seconds_right_after_the_approval()
    {
        await AddHallAsync(_system, Hall, floorAreaM2: 100m); // 15 places on the floor
        await Eventually.UntilAsync(
            () => _system.QueryAsync<BookingDbContext, bool>(CivicHallSystem.Booking, db => db.Set<KnownHall>().AnyAsync(h => h.HallId == Hall && h.Version > 0, Ct)),
            known => known, because: "booking should learn of the hall");
        using (var setup = Gateway("ops-setup", Roles.Ops))
        {
            var policy = new
            {
                slotMinutes = 30,
                windowGroups = new object[] { new { group = "social", windows = 1, zoneId = "floor-1" }, new { group = "tax", windows = 1 } },
                phaseShare = 1m,
                dailyQuota = 500,
                horizonDays = 7,
                maxActiveBookingsPerPerson = 5,
                walkInReserveShare = 0m,
            };
            (await setup.PutAsJsonAsync($"/api/v1/halls/{Hall}/booking-policy", policy, Ct)).EnsureSuccessStatusCode();
            (await setup.PutAsJsonAsync($"/api/v1/halls/{Hall}/service-items/pension", BookingSetup.Item(online: true), Ct)).EnsureSuccessStatusCode();
            (await setup.PutAsJsonAsync($"/api/v1/halls/{Hall}/service-items/tax", BookingSetup.Item(name: "个税申报", group: "tax"), Ct)).EnsureSuccessStatusCode();
        }

        var day = BookingSetup.NextWeekday();
        List<Guid> bookings =
        [
            await BookAsync($"{day:yyyyMMdd}-0900-social", 31),
            await BookAsync($"{day:yyyyMMdd}-0900-social", 32),
            await BookAsync($"{day:yyyyMMdd}-0900-social", 33),
            await BookAsync($"{day:yyyyMMdd}-1000-social", 34),
            await BookAsync($"{day:yyyyMMdd}-1000-social", 35),
            await BookAsync($"{day:yyyyMMdd}-0900-tax", 36, item: "tax"),
        ];
        await AdmitAsync(_system, Hall, Enumerable.Range(1, 17)); // 15 inside, 2 queued
        using var leader = Gateway("leader-li", Roles.DutyLeader);
        using var ops = Gateway("ops-chen", Roles.Ops);
        var root = $"/api/v1/halls/{Hall}/containment";

        var suspensionId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync($"{root}/suspensions",
            new { containmentId = suspensionId, reason = "大厅内发现确诊病例，暂停现场服务" }, Ct))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ops.PostAsJsonAsync($"{root}/{suspensionId}/approval", new { governmentConsentRef = "青府应急〔2026〕12号" }, Ct))).Status);

        // The broker stops right after the approval, wherever the cascade has got to, and stays down its full length.
        await _broker.StopAsync();
        var downSince = DateTime.UtcNow;
        var left = Outage - (DateTime.UtcNow - downSince);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, Ct);
        }

        await _broker.StartAsync();

        var view = await UntilAcknowledgedAsync(leader, Hall, suspensionId, ContainmentParticipants.Occupancy, ContainmentParticipants.Booking);

        Assert.Equal((2, 15), (Participant(view, ContainmentParticipants.Occupancy).GetProperty("queueSentAway").GetInt32(),
            Participant(view, ContainmentParticipants.Occupancy).GetProperty("peopleInside").GetInt32()));
        Assert.Equal((0, bookings.Count), (Participant(view, ContainmentParticipants.Booking).GetProperty("moved").GetInt32(),
            Participant(view, ContainmentParticipants.Booking).GetProperty("cancelled").GetInt32()));
        Assert.Equal(("suspended", 0), ((await FloorAsync(_system, Hall)).OnSiteState, (await FloorAsync(_system, Hall)).QueueLength));

        // Exactly once: one BookingCancelled per booking (with the reason and the item's route), all of them published;
        // one acknowledgement from booking and one OnSiteStateApplied from occupancy.
        foreach (var booking in bookings)
        {
            var (status, _, read, _) = await SendAsync(leader.GetAsync($"/api/v1/bookings/{booking}", Ct));
            Assert.Equal((HttpStatusCode.OK, "cancelled", "on_site_suspended"), (status, read.GetProperty("status").GetString(), read.GetProperty("cancelReason").GetString()));
        }

        var cancelled = (await OutboxAsync<BookingDbContext, BookingCancelled>(CivicHallSystem.Booking)).Where(c => c.HallId == Hall).ToList();
        Assert.Equal(bookings.Order(), cancelled.Select(c => c.BookingId).Order());
        Assert.All(cancelled, c => Assert.Equal((CancelReasons.OnSiteSuspended, c.BookingId == bookings[^1] ? null : Route), (c.Reason, c.OnlineRoute)));
        Assert.Single(await OutboxAsync<BookingDbContext, ContainmentBookingsHandled>(CivicHallSystem.Booking), a => a.ContainmentId == suspensionId);
        Assert.Single(await OutboxAsync<OccupancyDbContext, OnSiteStateApplied>(CivicHallSystem.Occupancy), a => a.HallId == Hall);
        await Eventually.UntilAsync(() => PendingAsync<BookingDbContext>(CivicHallSystem.Booking), pending => pending == 0, because: "booking's outbox should be drained");
    }
}
