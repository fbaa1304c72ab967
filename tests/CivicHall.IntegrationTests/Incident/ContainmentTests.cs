using CivicHall.Booking.Data;
using CivicHall.Contracts.Incidents.V1;
using CivicHall.Incident.Containment;
using CivicHall.Incident.Data;
using CivicHall.Messaging.Outbox;
using static CivicHall.IntegrationTests.Incident.ContainmentSetup;

namespace CivicHall.IntegrationTests.Incident;

/// <summary>
/// Containment (seed 003) through the gateway and the broker: a zone closure closes the zone in occupancy, opens a
/// terminal task in sanitation and is acknowledged by each participant (booking's own answer, 0 and 0 for a hall it
/// has no window group in: <see cref="ContainmentCascadeTests"/> has the bookings), and shows
/// sanitized only after the terminal record and a second leader's confirmation; a suspension takes effect only on a
/// second person's approval (the queue sent away, visitors turned away), a resumption waits for every closed zone to be
/// sanitized unless overridden, and the door takes people again; a participant late to acknowledge is flagged overdue.
/// </summary>
public sealed class ContainmentTests(IncidentSystemFixture fixture) : IClassFixture<IncidentSystemFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CivicHallSystem System => fixture.System;

    private static string Root(string hallId) => $"/api/v1/halls/{hallId}/containment";

    private static object Closure(Guid id, string zoneId = "floor-1", Guid? incidentId = null, string reason = "确诊病例曾到访一楼服务区") =>
        new { containmentId = id, zoneId, incidentId, reason };

    private async Task<int> OutboxCountAsync<TEvent>(Guid containmentId)
    {
        var type = typeof(TEvent).FullName;
        var payloads = await System.QueryAsync<IncidentDbContext, List<string>>(
            CivicHallSystem.Incident, db => db.Set<OutboxMessage>().Where(m => m.MessageType == type).Select(m => m.Payload).ToListAsync(Ct));
        return payloads.Count(p => p.Contains(containmentId.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_zone_closure_is_acknowledged_by_each_participant_and_shows_sanitized_only_after_the_terminal_record_and_confirmation()
    {
        const string hall = "cont-zone";
        await AddHallAsync(System, hall);
        await AddHallAsync(System, "cont-zone-other");
        using var leader = fixture.GatewayClient("leader-wang", Roles.DutyLeader);
        using var leaderZhao = fixture.GatewayClient("leader-zhao", Roles.DutyLeader);
        await AdmitAsync(System, hall, [1, 2]);

        var incidentId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await leader.PostAsJsonAsync("/api/v1/incidents",
            new { incidentId, hallId = hall, kind = "staff_symptoms", zoneId = "floor-1", summary = "窗口人员发热" }, Ct)).StatusCode);
        var elsewhere = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await leader.PostAsJsonAsync("/api/v1/incidents",
            new { incidentId = elsewhere, hallId = "cont-zone-other", kind = "staff_symptoms", summary = "窗口人员发热" }, Ct)).StatusCode);

        // Refusals store nothing.
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "zone_not_closable"), Pick(await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/zone-closures", Closure(Guid.NewGuid(), "iso"), Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "zone_unknown"), Pick(await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/zone-closures", Closure(Guid.NewGuid(), "nowhere"), Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "incident_unknown"),
            Pick(await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/zone-closures", Closure(Guid.NewGuid(), incidentId: Guid.NewGuid()), Ct))));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "incident_not_in_hall"),
            Pick(await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/zone-closures", Closure(Guid.NewGuid(), incidentId: elsewhere), Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SendAsync(leader.PostAsJsonAsync($"{Root("cont-nowhere")}/zone-closures", Closure(Guid.NewGuid()), Ct))));

        var id = Guid.NewGuid();
        var ordered = await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/zone-closures", Closure(id, incidentId: incidentId), Ct));
        Assert.Equal((HttpStatusCode.Created, "zone_closure", "ordered", "leader-wang", 3),
            (ordered.Status, ordered.Body.GetProperty("kind").GetString(), ordered.Body.GetProperty("state").GetString(), ordered.Body.GetProperty("requestedBy").GetString(),
             ordered.Body.GetProperty("participants").GetArrayLength()));
        var again = await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/zone-closures", Closure(id, incidentId: incidentId), Ct));
        Assert.Equal((HttpStatusCode.OK, true), (again.Status, again.Replayed));
        Assert.Equal((HttpStatusCode.Conflict, "containment_id_reused"), Pick(await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/zone-closures", Closure(id, reason: "另一原因"), Ct))));
        var twice = await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/zone-closures", Closure(Guid.NewGuid()), Ct));
        Assert.Equal((HttpStatusCode.Conflict, "zone_already_closed", id), (twice.Status, twice.Code, twice.Body.GetProperty("containmentId").GetGuid()));
        Assert.Equal(1, await OutboxCountAsync<ZoneClosureOrdered>(id));

        // Occupancy closes the zone (two people inside), sanitation opens the terminal task, booking has nothing to move.
        await Eventually.UntilAsync(() => ZoneStateAsync(System, hall, "floor-1"), s => s == "closed", because: "occupancy should close the zone");
        var view = await UntilAcknowledgedAsync(leader, hall, id, ContainmentParticipants.Occupancy, ContainmentParticipants.Sanitation, ContainmentParticipants.Booking);
        Assert.Equal(2, Participant(view, ContainmentParticipants.Occupancy).GetProperty("peopleInside").GetInt32());
        var taskId = Participant(view, ContainmentParticipants.Sanitation).GetProperty("taskId").GetGuid();
        Assert.Equal((0, 0), (Participant(view, ContainmentParticipants.Booking).GetProperty("moved").GetInt32(), Participant(view, ContainmentParticipants.Booking).GetProperty("cancelled").GetInt32()));
        Assert.Equal("ordered", view.GetProperty("state").GetString());

        // The terminal record alone changes nothing; its confirmation by a second leader sanitizes and reopens the zone.
        var records = $"/api/v1/halls/{hall}/sanitation/records";
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
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync(records, record, Ct))).Status);
        Assert.Equal("ordered", (await ViewAsync(leader, hall, id)).GetProperty("state").GetString());
        Assert.Equal("closed", await ZoneStateAsync(System, hall, "floor-1"));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leaderZhao.PostAsync($"/api/v1/halls/{hall}/sanitation/terminal-disinfections/{taskId}/confirmation", null, Ct))).Status);
        await Eventually.UntilAsync(() => ZoneStateAsync(System, hall, "floor-1"), s => s == "open", because: "occupancy should reopen the zone on ZoneSanitized");
        view = await Eventually.UntilAsync(() => ViewAsync(leader, hall, id),
            v => v.GetProperty("state").GetString() == "sanitized" && v.GetProperty("reopenedBy").ValueKind == JsonValueKind.String, because: "incident should hear the zone sanitized and reopened");
        Assert.Equal("sanitized", view.GetProperty("reopenedBy").GetString());

        // Now the zone may be closed again; the list shows both, newest first, and filters by state.
        var second = Guid.NewGuid();
        fixture.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/zone-closures", Closure(second), Ct))).Status);
        var (listed, _, list, _) = await SendAsync(leader.GetAsync($"{Root(hall)}?limit=1", Ct));
        Assert.Equal((HttpStatusCode.OK, second), (listed, Assert.Single(list.GetProperty("containment").EnumerateArray().ToList()).GetProperty("containmentId").GetGuid()));
        var (_, _, next, _) = await SendAsync(leader.GetAsync($"{Root(hall)}?limit=1&cursor={list.GetProperty("nextCursor").GetString()}", Ct));
        Assert.Equal(id, Assert.Single(next.GetProperty("containment").EnumerateArray().ToList()).GetProperty("containmentId").GetGuid());
        var (_, _, sanitized, _) = await SendAsync(leader.GetAsync($"{Root(hall)}?state=sanitized", Ct));
        Assert.Equal([id], sanitized.GetProperty("containment").EnumerateArray().Select(c => c.GetProperty("containmentId").GetGuid()).ToList());
    }

    [Fact]
    public async Task A_suspension_takes_effect_only_on_a_second_persons_approval_and_resumption_waits_for_sanitized_zones_unless_overridden()
    {
        const string hall = "cont-pause";
        await AddHallAsync(System, hall, floorAreaM2: 100m); // 15 places
        using var leader = fixture.GatewayClient("leader-li", Roles.DutyLeader, Roles.Ops);
        using var dutyOnly = fixture.GatewayClient("leader-zhou", Roles.DutyLeader);
        using var ops = fixture.GatewayClient("ops-chen", Roles.Ops);
        var first = await AdmitAsync(System, hall, Enumerable.Range(1, 17));
        Assert.Equal((15, 2), ((await FloorAsync(System, hall)).Inside, (await FloorAsync(System, hall)).QueueLength));

        var suspensionId = Guid.NewGuid();
        var requested = await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/suspensions", new { containmentId = suspensionId, reason = "大厅内发现确诊病例，暂停现场服务" }, Ct));
        Assert.Equal((HttpStatusCode.Created, "requested", 0), (requested.Status, requested.Body.GetProperty("state").GetString(), requested.Body.GetProperty("participants").GetArrayLength()));
        Assert.Equal((HttpStatusCode.Conflict, "suspension_active"),
            Pick(await SendAsync(dutyOnly.PostAsJsonAsync($"{Root(hall)}/suspensions", new { containmentId = Guid.NewGuid(), reason = "重复申请" }, Ct))));

        // Not by the requester, not without the ops role: nothing is published until a second person approves.
        var approval = $"{Root(hall)}/{suspensionId}/approval";
        var consent = new { governmentConsentRef = "青府应急〔2026〕12号", notes = "电话请示县政府办公室同意" };
        Assert.Equal((HttpStatusCode.Conflict, "second_person_required"), Pick(await SendAsync(leader.PostAsJsonAsync(approval, consent, Ct))));
        Assert.Equal(HttpStatusCode.Forbidden, (await dutyOnly.PostAsJsonAsync(approval, consent, Ct)).StatusCode);
        Assert.Equal(0, await OutboxCountAsync<OnSiteServiceSuspended>(suspensionId));
        Assert.Equal("open", (await FloorAsync(System, hall)).OnSiteState);

        var approved = await SendAsync(ops.PostAsJsonAsync(approval, consent, Ct));
        Assert.Equal((HttpStatusCode.OK, "approved", "ops-chen", "青府应急〔2026〕12号"),
            (approved.Status, approved.Body.GetProperty("state").GetString(), approved.Body.GetProperty("approval").GetProperty("approvedBy").GetString(),
             approved.Body.GetProperty("approval").GetProperty("governmentConsentRef").GetString()));
        Assert.Equal((HttpStatusCode.OK, true), ((await SendAsync(ops.PostAsJsonAsync(approval, consent, Ct))) is var replay ? (replay.Status, replay.Replayed) : default));
        Assert.Equal(1, await OutboxCountAsync<OnSiteServiceSuspended>(suspensionId));

        // Occupancy sends the queue away and acknowledges; a new visitor is turned away.
        var view = await UntilAcknowledgedAsync(leader, hall, suspensionId, ContainmentParticipants.Occupancy);
        Assert.Equal((2, 15), (Participant(view, ContainmentParticipants.Occupancy).GetProperty("queueSentAway").GetInt32(), Participant(view, ContainmentParticipants.Occupancy).GetProperty("peopleInside").GetInt32()));
        Assert.Equal((0, "suspended"), ((await FloorAsync(System, hall)).QueueLength, (await FloorAsync(System, hall)).OnSiteState));
        Assert.Equal(2, (await AdmissionsAsync(System, first)).Count(a => a.Reason == "on_site_suspended"));
        var late = await AdmitAsync(System, hall, [18]);
        Assert.Equal(("turned_away", "on_site_suspended"), (await AdmissionsAsync(System, late)).Select(a => (a.State, a.Reason)).Single());
        view = await UntilAcknowledgedAsync(leader, hall, suspensionId, ContainmentParticipants.Booking);
        Assert.Equal(0, Participant(view, ContainmentParticipants.Booking).GetProperty("cancelled").GetInt32()); // no bookings in this hall

        // A zone closed meanwhile and not sanitized: resumption is refused, then allowed with an audited override.
        var closure = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/zone-closures", Closure(closure), Ct))).Status);
        var resumptionBody = new { containmentId = Guid.NewGuid(), suspensionId, reason = "经县政府同意恢复现场服务" };
        var refused = await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/resumptions", resumptionBody, Ct));
        Assert.Equal((HttpStatusCode.Conflict, "zones_not_sanitized", "floor-1"), (refused.Status, refused.Code, string.Join(",", refused.Body.GetProperty("zones").EnumerateArray().Select(z => z.GetString()))));
        Assert.Equal((HttpStatusCode.Conflict, "not_suspended"),
            Pick(await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/resumptions", new { containmentId = Guid.NewGuid(), suspensionId = closure, reason = "x", @override = new { reason = "y" } }, Ct))));

        // A request can be withdrawn before approval, and then cannot be approved.
        var withdrawnId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/resumptions",
            new { containmentId = withdrawnId, suspensionId, reason = "先行恢复", @override = new { reason = "误报" } }, Ct))).Status);
        var withdrawn = await SendAsync(dutyOnly.PostAsync($"{Root(hall)}/{withdrawnId}/withdrawal", null, Ct));
        Assert.Equal((HttpStatusCode.OK, "withdrawn", "leader-zhou"), (withdrawn.Status, withdrawn.Body.GetProperty("state").GetString(), withdrawn.Body.GetProperty("withdrawnBy").GetString()));
        Assert.Equal((HttpStatusCode.Conflict, "containment_not_pending"), Pick(await SendAsync(ops.PostAsJsonAsync($"{Root(hall)}/{withdrawnId}/approval", consent, Ct))));

        var resumptionId = Guid.NewGuid();
        var overriding = new { containmentId = resumptionId, suspensionId, reason = "经县政府同意恢复现场服务", @override = new { reason = "一楼服务区封闭，其余区域已消毒，先行恢复" } };
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/resumptions", overriding, Ct))).Status);
        Assert.Equal((HttpStatusCode.Conflict, "second_person_required"), Pick(await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/{resumptionId}/approval", consent, Ct))));
        var resumed = await SendAsync(ops.PostAsJsonAsync($"{Root(hall)}/{resumptionId}/approval", consent, Ct));
        Assert.Equal((HttpStatusCode.OK, "approved", "leader-li", "floor-1"),
            (resumed.Status, resumed.Body.GetProperty("state").GetString(), resumed.Body.GetProperty("override").GetProperty("by").GetString(),
             string.Join(",", resumed.Body.GetProperty("override").GetProperty("zones").EnumerateArray().Select(z => z.GetString()))));
        var suspension = await ViewAsync(leader, hall, suspensionId);
        Assert.Equal(("resumed", resumptionId), (suspension.GetProperty("state").GetString(), suspension.GetProperty("resumedBy").GetGuid()));

        // The door takes people again; occupancy's and booking's acknowledgements (carrying the suspension's id) land on the resumption.
        await UntilAcknowledgedAsync(leader, hall, resumptionId, ContainmentParticipants.Occupancy);
        Assert.Equal("open", (await FloorAsync(System, hall)).OnSiteState);
        var after = await AdmitAsync(System, hall, [19]);
        Assert.NotEqual("turned_away", (await AdmissionsAsync(System, after)).Single().State);
        await UntilAcknowledgedAsync(leader, hall, resumptionId, ContainmentParticipants.Booking);
        Assert.Equal(1, await OutboxCountAsync<OnSiteServiceResumed>(suspensionId));
    }

    [Fact]
    public async Task A_participant_that_has_not_acknowledged_within_the_limit_is_flagged_overdue_once()
    {
        const string hall = "cont-late";
        await AddHallAsync(System, hall);
        using var leader = fixture.GatewayClient("leader-wang", Roles.DutyLeader);
        var sweep = System[CivicHallSystem.Incident].Services.GetRequiredService<AcknowledgementSweep>();

        // Booking is held back: an uncommitted closure row of the same hall and zone makes its consumer wait on the unique index.
        await using var holdScope = System[CivicHallSystem.Booking].Services.CreateAsyncScope();
        var bookingDb = holdScope.ServiceProvider.GetRequiredService<BookingDbContext>();
        await using var hold = await bookingDb.Database.BeginTransactionAsync(Ct);
        await bookingDb.Database.ExecuteSqlAsync($"""
            INSERT INTO zone_closures (hall_id, zone_id, closed_at, incident_id, moved, cancelled, recorded_at)
            VALUES ({hall}, 'floor-1', {DateTimeOffset.UtcNow}, '', 0, 0, {DateTimeOffset.UtcNow})
            """, Ct);

        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/zone-closures", Closure(id), Ct))).Status);
        await UntilAcknowledgedAsync(leader, hall, id, ContainmentParticipants.Occupancy, ContainmentParticipants.Sanitation);

        fixture.Advance(TimeSpan.FromSeconds(90));
        await sweep.SweepOnceAsync(Ct);
        Assert.False(Participant(await ViewAsync(leader, hall, id), ContainmentParticipants.Booking).GetProperty("overdue").GetBoolean());

        // The hosted sweep may run the same pass on the clock's tick (its rows skip-locked to this one): wait for the flag.
        var flaggedAt = fixture.Advance(TimeSpan.FromSeconds(31));
        await sweep.SweepOnceAsync(Ct);
        var view = await Eventually.UntilAsync(() => ViewAsync(leader, hall, id),
            v => Participant(v, ContainmentParticipants.Booking).GetProperty("overdue").GetBoolean(), because: "the sweep should flag booking overdue");
        Assert.Equal((true, flaggedAt), (Participant(view, ContainmentParticipants.Booking).GetProperty("overdue").GetBoolean(),
            Participant(view, ContainmentParticipants.Booking).GetProperty("overdueSince").GetDateTimeOffset()));
        Assert.False(Participant(view, ContainmentParticipants.Occupancy).GetProperty("overdue").GetBoolean());
        Assert.False(Participant(view, ContainmentParticipants.Sanitation).GetProperty("overdue").GetBoolean());

        // Flagged once: a later sweep leaves it as it was.
        fixture.Advance(TimeSpan.FromMinutes(5));
        await sweep.SweepOnceAsync(Ct);
        Assert.Equal(flaggedAt, Participant(await ViewAsync(leader, hall, id), ContainmentParticipants.Booking).GetProperty("overdueSince").GetDateTimeOffset());

        // Booking let go: its late acknowledgement clears the flag and keeps when it was raised.
        await hold.RollbackAsync(Ct);
        var answered = Participant(await UntilAcknowledgedAsync(leader, hall, id, ContainmentParticipants.Booking), ContainmentParticipants.Booking);
        Assert.Equal((false, flaggedAt), (answered.GetProperty("overdue").GetBoolean(), answered.GetProperty("overdueSince").GetDateTimeOffset()));
    }

    [Fact]
    public async Task A_closure_of_a_zone_a_duty_leader_closed_by_hand_in_occupancy_is_still_acknowledged()
    {
        const string hall = "cont-hand";
        await AddHallAsync(System, hall);
        await AdmitAsync(System, hall, [1]);
        using var leader = fixture.GatewayClient("leader-wang", Roles.DutyLeader);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.PostAsJsonAsync($"/api/v1/halls/{hall}/zones/floor-1/closure", new { reason = "现场发现可疑污染" }, Ct))).Status);
        Assert.Equal("closed", await ZoneStateAsync(System, hall, "floor-1"));

        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync($"{Root(hall)}/zone-closures", Closure(id), Ct))).Status);
        var view = await UntilAcknowledgedAsync(leader, hall, id, ContainmentParticipants.Occupancy, ContainmentParticipants.Sanitation);
        Assert.Equal(1, Participant(view, ContainmentParticipants.Occupancy).GetProperty("peopleInside").GetInt32());
    }
}
