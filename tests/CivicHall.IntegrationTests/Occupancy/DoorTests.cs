using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Contracts.Screening.V1;
using CivicHall.IntegrationTests.Booking;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Floor;

namespace CivicHall.IntegrationTests.Occupancy;

/// <summary>
/// The door: people through screening let in while there is room, queued (priority first) when not, let
/// in as others leave. One system for the class: each test has a hall of its own.
/// </summary>
public sealed class DoorTests(ServicesSystemFixture fixture) : IClassFixture<ServicesSystemFixture>
{
    private readonly CivicHallSystem _system = fixture.System;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HallOccupancy> StateAsync(string hallId) => FloorSetup.StateAsync(_system, hallId);

    [Fact]
    public async Task Five_hundred_at_once_leave_exactly_capacity_inside_and_the_rest_queued_then_exits_let_in_the_next_in_order_priority_first()
    {
        await FloorSetup.AddHallAsync(_system, "rush");
        await using var advanced = await EventProbe<QueueAdvanced>.StartAsync(_system.MessagingUri);

        // Every tenth person is elderly: 50 with priority among 500.
        await Task.WhenAll(Enumerable.Range(1, 500).Select(i =>
            FloorSetup.PublishAsync(_system, FloorSetup.Admitted("rush", i, priority: i % 10 == 0 ? "elderly" : null))));
        await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(_system, "rush"), n => n == 500, because: "all 500 should reach the door");

        var state = await StateAsync("rush");
        Assert.Equal((150, 150, 350), (state.Capacity, state.Inside, state.QueueLength));
        var (inside, queued, zoneCount) = await _system.QueryAsync<OccupancyDbContext, (int, int, int)>(CivicHallSystem.Occupancy, async db => (
            await db.Admissions.CountAsync(a => a.HallId == "rush" && a.State == AdmissionState.Inside),
            await db.Admissions.CountAsync(a => a.HallId == "rush" && a.State == AdmissionState.Queued),
            await db.Zones.Where(z => z.HallId == "rush" && z.ZoneId == "floor-1").Select(z => z.Count).SingleAsync()));
        Assert.Equal((150, 350, 150), (inside, queued, zoneCount));

        using var screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);
        var (rows, pages) = await Pages.AllAsync(screener, "/api/v1/halls/rush/queue", "entries", 200, Ct);
        var queue = rows.Select(r => r.Deserialize<QueueEntry>(JsonSerializerOptions.Web)!).ToArray();
        Assert.Equal((350, 2), (queue.Length, pages));
        Assert.Equal(Enumerable.Range(1, 350), queue.Select(e => e.Position)); // positions run on across pages
        Assert.Equal(350, queue.Select(e => e.AdmissionId).Distinct().Count());
        var priorityFirst = queue.TakeWhile(e => e.PriorityGroup is not null).Count();
        Assert.Equal(queue.Count(e => e.PriorityGroup is not null), priorityFirst);
        Assert.True(priorityFirst > 0, "some elderly people should be waiting");
        Assert.True(queue.Take(priorityFirst).Select(e => e.Ticket).SequenceEqual(queue.Take(priorityFirst).Select(e => e.Ticket).Order()), "priority in order of arrival");
        Assert.True(queue.Skip(priorityFirst).Select(e => e.Ticket).SequenceEqual(queue.Skip(priorityFirst).Select(e => e.Ticket).Order()), "the rest in order of arrival");

        // 50 leave at once: exactly the next 50 of the queue go in.
        var leaving = await _system.QueryAsync<OccupancyDbContext, List<string>>(CivicHallSystem.Occupancy, db =>
            db.Admissions.Where(a => a.HallId == "rush" && a.State == AdmissionState.Inside).OrderBy(a => a.PersonKey).Take(50).Select(a => a.PersonKey).ToListAsync());
        var exits = await Task.WhenAll(leaving.Select(key => screener.PostAsJsonAsync("/api/v1/halls/rush/exits", new { personKey = key }, Ct)));
        Assert.All(exits, e => Assert.Equal(HttpStatusCode.OK, e.StatusCode));

        state = await StateAsync("rush");
        Assert.Equal((150, 300), (state.Inside, state.QueueLength));
        var letIn = await _system.QueryAsync<OccupancyDbContext, List<Guid>>(CivicHallSystem.Occupancy, db =>
            db.Admissions.Where(a => a.HallId == "rush" && a.State == AdmissionState.Inside && a.Ticket != null).Select(a => a.Id).ToListAsync());
        Assert.Equal(queue.Take(50).Select(e => e.AdmissionId).Order(), letIn.Order());
        var admittedBeforeArriving = await _system.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db =>
            db.Admissions.CountAsync(a => a.HallId == "rush" && a.AdmittedAt < a.ArrivedAt));
        Assert.Equal(0, admittedBeforeArriving);
        await Eventually.UntilAsync(() => Task.FromResult(advanced.Received.Count(m => m.HallId == "rush")), n => n >= 50, because: "each one let in from the queue is announced");
        Assert.Equal(queue.Take(50).Select(e => e.AdmissionId).Order(), advanced.Received.Where(m => m.HallId == "rush").Select(m => m.AdmissionId).Order());
    }

    [Fact]
    public async Task An_exit_without_an_entry_is_refused_and_a_repeated_exit_or_admission_counts_once()
    {
        await FloorSetup.AddHallAsync(_system, "once");
        using var screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);

        var stranger = await screener.PostAsJsonAsync("/api/v1/halls/once/exits", new { personKey = FloorSetup.PersonKey(99) }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stranger.StatusCode);
        Assert.Equal("not_inside", (await stranger.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());

        // The same screening announced twice (two message ids): one admission. Counted once the door has
        // finished all three deliveries, so a second admission cannot still be on its way.
        var admitted = FloorSetup.Admitted("once", 1);
        var door = _system.Deliveries(CivicHallSystem.Occupancy);
        var before = door.Consumed<PersonAdmitted>();
        await FloorSetup.PublishAsync(_system, admitted);
        await FloorSetup.PublishAsync(_system, admitted);
        await FloorSetup.PublishAsync(_system, FloorSetup.Admitted("once", 2));
        await door.UntilConsumedAndIdleAsync<PersonAdmitted>(before, 3, because: "the door should finish all three deliveries");
        Assert.Equal(2, await FloorSetup.AdmissionsAsync(_system, "once"));
        Assert.Equal(2, (await StateAsync("once")).Inside);

        var exitId = Guid.NewGuid();
        var first = await screener.PostAsJsonAsync("/api/v1/halls/once/exits", new { exitId, personKey = FloorSetup.PersonKey(1), gate = "east" }, Ct);
        var again = await screener.PostAsJsonAsync("/api/v1/halls/once/exits", new { exitId, personKey = FloorSetup.PersonKey(1), gate = "east" }, Ct);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, (await StateAsync("once")).Inside);

        // The answer carries the hall's totals from the exit's own transaction; the replay, the same exit.
        var exited = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var replayed = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((admitted.ScreeningId, "floor-1", 0, 1, 0), Summary(exited));
        Assert.Equal(Summary(exited), Summary(replayed));

        var reused = await screener.PostAsJsonAsync("/api/v1/halls/once/exits", new { exitId, personKey = FloorSetup.PersonKey(2) }, Ct);
        Assert.Equal("exit_id_reused", (await reused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        var gone = await screener.PostAsJsonAsync("/api/v1/halls/once/exits", new { personKey = FloorSetup.PersonKey(1) }, Ct);
        Assert.Equal((HttpStatusCode.Conflict, "not_inside"), (gone.StatusCode, (await gone.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString()));

        var view = (await screener.GetFromJsonAsync<JsonElement>("/api/v1/halls/once/occupancy", Ct));
        Assert.Equal((1, 150), (view.GetProperty("inside").GetInt32(), view.GetProperty("capacity").GetInt32()));
        var bad = await screener.PostAsJsonAsync("/api/v1/halls/once/exits", new { idNumber = "123" }, Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (bad.StatusCode, (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString()));
        Assert.Equal(1, (await StateAsync("once")).Inside);
    }

    [Fact]
    public async Task Concurrent_exits_or_moves_of_one_person_count_once()
    {
        await FloorSetup.AddHallAsync(_system, "crowd", floorAreaM2: 10m, withMeetingRoom: true); // one place on the floor
        foreach (var person in new[] { 1, 2, 3 })
        {
            await FloorSetup.PublishAsync(_system, FloorSetup.Admitted("crowd", person));
            await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(_system, "crowd"), n => n == person); // 1 inside, 2 and 3 queued
        }

        using var screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);
        async Task<(HttpStatusCode Status, string? Code)> PostAsync(string path, object body)
        {
            using var response = await screener.PostAsJsonAsync(path, body, Ct);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            return (response.StatusCode, json.TryGetProperty("code", out var code) ? code.GetString() : null);
        }

        // Ten gates report person 1 leaving at once: one exit, one let in from the queue.
        var exits = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync("/api/v1/halls/crowd/exits", new { personKey = FloorSetup.PersonKey(1) })));
        Assert.Single(exits, e => e.Status == HttpStatusCode.OK);
        Assert.All(exits.Where(e => e.Status != HttpStatusCode.OK), e => Assert.Equal((HttpStatusCode.Conflict, "not_inside"), e));
        var state = await StateAsync("crowd");
        Assert.Equal((1, 1, 3), (state.Inside, state.QueueLength, state.ReceivedToday));
        var admissions = await _system.QueryAsync<OccupancyDbContext, List<Admission>>(CivicHallSystem.Occupancy, db =>
            db.Admissions.AsNoTracking().Where(a => a.HallId == "crowd").ToListAsync(Ct));
        Assert.Equal(
            [(FloorSetup.PersonKey(1), AdmissionState.Exited), (FloorSetup.PersonKey(2), AdmissionState.Inside), (FloorSetup.PersonKey(3), AdmissionState.Queued)],
            admissions.OrderBy(a => a.PersonKey, StringComparer.Ordinal).Select(a => (a.PersonKey, a.State)));

        // Five devices move person 2 into the meeting room at once: one move, one presence each side.
        var moves = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync("/api/v1/halls/crowd/movements", new { personKey = FloorSetup.PersonKey(2), toZoneId = "meeting-a" })));
        Assert.Single(moves, m => m.Status == HttpStatusCode.OK);
        Assert.All(moves.Where(m => m.Status != HttpStatusCode.OK), m => Assert.Equal((HttpStatusCode.Conflict, "already_there"), m));
        var zones = await _system.QueryAsync<OccupancyDbContext, Dictionary<string, int>>(CivicHallSystem.Occupancy, db =>
            db.Zones.Where(z => z.HallId == "crowd").ToDictionaryAsync(z => z.ZoneId, z => z.Count, Ct));
        Assert.Equal(1, zones["meeting-a"]);
        var presences = await _system.QueryAsync<OccupancyDbContext, List<string>>(CivicHallSystem.Occupancy, db =>
            db.ZonePresences.Where(p => p.HallId == "crowd" && p.PersonKey == FloorSetup.PersonKey(2)).OrderBy(p => p.Id).Select(p => p.ZoneId).ToListAsync(Ct));
        Assert.Equal(["floor-1", "meeting-a"], presences);
    }

    [Fact]
    public async Task Someone_who_leaves_the_queue_is_not_let_in_later_and_frees_their_place_in_the_quota()
    {
        await FloorSetup.AddHallAsync(_system, "giveup", floorAreaM2: 10m); // one place
        foreach (var person in new[] { 1, 2, 3 })
        {
            await FloorSetup.PublishAsync(_system, FloorSetup.Admitted("giveup", person));
            await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(_system, "giveup"), n => n == person); // in this order
        }

        using var screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);
        var queue = (await screener.GetFromJsonAsync<QueuePage>("/api/v1/halls/giveup/queue", Ct))!.Entries;
        Assert.Equal([1, 2], queue.Select(e => e.Ticket));
        Assert.Equal(HttpStatusCode.NoContent, (await screener.PostAsync($"/api/v1/halls/giveup/queue/{queue[0].AdmissionId}/leave", null, Ct)).StatusCode);
        var again = await screener.PostAsync($"/api/v1/halls/giveup/queue/{queue[0].AdmissionId}/leave", null, Ct);
        Assert.Equal("not_queued", (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        Assert.Equal((1, 2), ((await StateAsync("giveup")).QueueLength, (await StateAsync("giveup")).ReceivedToday));

        var exit = await screener.PostAsJsonAsync("/api/v1/halls/giveup/exits", new { personKey = FloorSetup.PersonKey(1) }, Ct);
        exit.EnsureSuccessStatusCode();
        var (_, _, letIn, stillInside, queueLength) = Summary(await exit.Content.ReadFromJsonAsync<JsonElement>(Ct));
        Assert.Equal((1, 1, 0), (letIn, stillInside, queueLength)); // the totals after the one the exit let in
        var inside = await _system.QueryAsync<OccupancyDbContext, List<string>>(CivicHallSystem.Occupancy, db =>
            db.Admissions.Where(a => a.HallId == "giveup" && a.State == AdmissionState.Inside).Select(a => a.PersonKey).ToListAsync());
        Assert.Equal([FloorSetup.PersonKey(3)], inside);
    }

    private static (Guid AdmissionId, string? ZoneId, int LetIn, int Inside, int QueueLength) Summary(JsonElement exit) =>
        (exit.GetProperty("admissionId").GetGuid(), exit.GetProperty("zoneId").GetString(), exit.GetProperty("letIn").GetInt32(),
         exit.GetProperty("inside").GetInt32(), exit.GetProperty("queueLength").GetInt32());
}
