using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Incident.Containment;
using CivicHall.Messaging.Outbox;
using CivicHall.Occupancy.Data;
using CivicHall.Sanitation.Data;
using static CivicHall.IntegrationTests.Incident.ContainmentSetup;

namespace CivicHall.IntegrationTests.Incident;

/// <summary>
/// RabbitMQ goes away for 15 s in the middle of the containment cascade: a zone closure's acknowledgements are under
/// way and a suspension is approved while it is down. Nothing is lost: once the broker is back the suspension reaches
/// occupancy, every participant acknowledges each action exactly once, and sanitation has one terminal task. Runs on a
/// broker of its own.
/// </summary>
public sealed class ContainmentBrokerOutageTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private const string Hall = "cont-outage";
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

    private HttpClient GatewayClient(string subject, params string[] roles)
    {
        var client = _system[CivicHallSystem.Gateway].CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create(roles, subject, TimeProvider.System));
        return client;
    }

    [Fact]
    public async Task Nothing_of_the_cascade_is_lost_when_the_broker_is_stopped_for_15_seconds_in_its_middle()
    {
        await AddHallAsync(_system, Hall, floorAreaM2: 100m);
        await AdmitAsync(_system, Hall, Enumerable.Range(1, 17)); // 15 inside, 2 queued
        using var leader = GatewayClient("leader-wang", Roles.DutyLeader);
        using var ops = GatewayClient("ops-chen", Roles.Ops);
        var root = $"/api/v1/halls/{Hall}/containment";

        // The closure's first hop gets through; the broker stops while its acknowledgements are under way.
        var closureId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync($"{root}/zone-closures",
            new { containmentId = closureId, zoneId = "floor-1", reason = "确诊病例曾到访一楼服务区" }, Ct))).Status);
        await Eventually.UntilAsync(() => ZoneStateAsync(_system, Hall, "floor-1"), s => s == "closed", because: "occupancy should close the zone");
        await _broker.StopAsync();
        var downSince = DateTime.UtcNow;

        // While it is down the suspension is requested and approved: incident answers, its event waits in the outbox.
        var suspensionId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync($"{root}/suspensions",
            new { containmentId = suspensionId, reason = "大厅内发现确诊病例，暂停现场服务" }, Ct))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ops.PostAsJsonAsync($"{root}/{suspensionId}/approval", new { governmentConsentRef = "青府应急〔2026〕12号" }, Ct))).Status);
        Assert.Equal("open", (await FloorAsync(_system, Hall)).OnSiteState);

        // The outage itself is the scenario: the broker stays down for its full length.
        var left = Outage - (DateTime.UtcNow - downSince);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, Ct);
        }

        await _broker.StartAsync();

        // Booking answers too, once the broker is back (0 and 0: it has no window group in this hall; ContainmentCascadeTests has the bookings).
        var closure = await UntilAcknowledgedAsync(leader, Hall, closureId, ContainmentParticipants.Occupancy, ContainmentParticipants.Sanitation, ContainmentParticipants.Booking);
        var suspension = await UntilAcknowledgedAsync(leader, Hall, suspensionId, ContainmentParticipants.Occupancy, ContainmentParticipants.Booking);
        Assert.Equal(15, Participant(closure, ContainmentParticipants.Occupancy).GetProperty("peopleInside").GetInt32());
        Assert.Equal((2, 0), (Participant(suspension, ContainmentParticipants.Occupancy).GetProperty("queueSentAway").GetInt32(),
            Participant(suspension, ContainmentParticipants.Booking).GetProperty("cancelled").GetInt32()));
        Assert.Equal(("suspended", 0), ((await FloorAsync(_system, Hall)).OnSiteState, (await FloorAsync(_system, Hall)).QueueLength));

        // Exactly once: one terminal task, one ZoneClosed and one OnSiteStateApplied for the hall.
        var terminals = await _system.QueryAsync<SanitationDbContext, int>(CivicHallSystem.Sanitation,
            db => db.Tasks.CountAsync(t => t.HallId == Hall && t.ZoneId == "floor-1" && t.RuleKind == "terminal", Ct));
        Assert.Equal(1, terminals);
        Assert.Equal(Participant(closure, ContainmentParticipants.Sanitation).GetProperty("taskId").GetGuid(),
            await _system.QueryAsync<SanitationDbContext, Guid>(CivicHallSystem.Sanitation, db => db.Tasks.Where(t => t.HallId == Hall && t.RuleKind == "terminal").Select(t => t.Id).SingleAsync(Ct)));
        Assert.Equal(1, await OccupancyEventsAsync<ZoneClosed>());
        Assert.Equal(1, await OccupancyEventsAsync<OnSiteStateApplied>());
    }

    private async Task<int> OccupancyEventsAsync<TEvent>()
    {
        var type = typeof(TEvent).FullName;
        var payloads = await _system.QueryAsync<OccupancyDbContext, List<string>>(
            CivicHallSystem.Occupancy, db => db.Set<OutboxMessage>().Where(m => m.MessageType == type).Select(m => m.Payload).ToListAsync(Ct));
        return payloads.Count(p => JsonDocument.Parse(p).RootElement.GetProperty("hallId").GetString() == Hall);
    }
}
