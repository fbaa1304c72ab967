using CivicHall.Incident.Data;
using CivicHall.Incident.Tracing;
using CivicHall.Incident.Tracing.Exports;
using CivicHall.IntegrationTests.Booking;
using CivicHall.IntegrationTests.Screening;
using CivicHall.Messaging.Outbox;
using CivicHall.Screening.Data;
using CivicHall.Screening.Screenings;
using Microsoft.AspNetCore.Hosting.Server;
using static CivicHall.IntegrationTests.Incident.ContainmentSetup;

namespace CivicHall.IntegrationTests.Incident;

/// <summary>
/// The clear export of a tracing list through the gateway, with the real screening decrypting its own copies: refused
/// without a second approver, allowed with one, logged in incident and in screening, downloaded exactly once (also when
/// two downloads race), expired after its window, and no clear ID number anywhere but in the one file.
/// </summary>
public sealed class ClearExportTests(IncidentSystemFixture fixture) : IClassFixture<IncidentSystemFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Exports(Guid incidentId, Guid tracingId) => $"/api/v1/incidents/{incidentId}/tracing/{tracingId}/clear-exports";

    /// <summary>A hall whose screening saw people <paramref name="first"/> and the next one, a case of it, and a tracing run naming both and one nobody knows.</summary>
    private async Task<(Guid IncidentId, Guid TracingId, string[] IdNumbers)> TracedAsync(string hallId, int first)
    {
        await fixture.AddHallAsync(hallId);
        await ScreeningSetup.WaitUntilKnownAsync(fixture.System, hallId);
        using var ops = fixture.System.Client(CivicHallSystem.Screening, Roles.Ops);
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/screening-policy", new { }, Ct)).EnsureSuccessStatusCode();
        using var screener = fixture.System.Client(CivicHallSystem.Screening, Roles.Screener);
        var keys = new List<string>();
        foreach (var person in new[] { first, first + 1 })
        {
            var reading = new
            {
                hallId,
                personKind = "visitor",
                person = TestPeople.Person(person),
                healthCode = "green",
                testAt = DateTimeOffset.UtcNow.AddHours(-24),
                testResult = "negative",
                temperatureC = 36.6m,
                mask = true,
                lane = "A1",
            };
            var response = await screener.PostAsJsonAsync("/api/v1/screenings", reading, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("screeningId").GetGuid();
            keys.Add(await fixture.System.QueryAsync<ScreeningDbContext, string>(CivicHallSystem.Screening, db => db.Screenings.Where(s => s.Id == id).Select(s => s.PersonKey).SingleAsync(Ct)));
        }

        using var leader = fixture.GatewayClient("leader-a", Roles.DutyLeader);
        var incidentId = Guid.NewGuid();
        var (opened, _, _, _) = await SendAsync(leader.PostAsJsonAsync(
            "/api/v1/incidents", new { incidentId, hallId, kind = "refusal", zoneId = "queue", summary = "确诊病例曾到访，开展流调" }, Ct));
        Assert.Equal(HttpStatusCode.Created, opened);

        var tracingId = Guid.NewGuid();
        static TracedContact Contact(string key) => new(key, "visitor", null, false, 20, [], null, null);
        var run = new TracingRun
        {
            TracingId = tracingId,
            IncidentId = incidentId,
            HallId = hallId,
            PersonKey = "pk-case",
            WindowFrom = DateTimeOffset.UtcNow.AddDays(-2),
            WindowTo = DateTimeOffset.UtcNow,
            BufferMinutes = 15,
            EntranceWindowMinutes = 10,
            PolicyVersion = 1,
            Contacts = new TracingList([Contact(keys[0])], [Contact(keys[1]), Contact("pk-nobody-knows")], [], [], []),
            PersonKeys = [keys[0], keys[1], "pk-nobody-knows"],
            CreatedBy = "leader-a",
            CreatedAt = fixture.Clock.GetUtcNow(),
        };
        await fixture.System.QueryAsync<IncidentDbContext, int>(CivicHallSystem.Incident, async db =>
        {
            await TracingStore.AddAsync(db, run, fixture.Clock, Ct);
            return 0;
        });
        return (incidentId, tracingId, [TestPeople.IdNumber(first), TestPeople.IdNumber(first + 1)]);
    }

    private static Task<(HttpStatusCode Status, string? Code, JsonElement Body, bool Replayed)> RequestAsync(HttpClient client, Guid incidentId, Guid tracingId, Guid exportId) =>
        SendAsync(client.PostAsJsonAsync(Exports(incidentId, tracingId), new { exportId, reason = "县疾控中心流调需要密接名单" }, Ct));

    [Fact]
    public async Task An_export_needs_a_second_person_and_is_downloaded_once_in_clear_with_every_read_logged_and_no_clear_id_elsewhere()
    {
        var (incidentId, tracingId, idNumbers) = await TracedAsync("exp-main", 700);
        using var requester = fixture.GatewayClient("leader-a", Roles.DutyLeader);
        using var approver = fixture.GatewayClient("ops-b", Roles.Ops);
        using var bystander = fixture.GatewayClient("leader-c", Roles.DutyLeader);
        using var auditor = fixture.GatewayClient("ops-d", Roles.Ops);
        var exportId = Guid.NewGuid();
        var path = $"{Exports(incidentId, tracingId)}/{exportId}";

        var requested = await RequestAsync(requester, incidentId, tracingId, exportId);
        Assert.Equal((HttpStatusCode.Created, "requested"), (requested.Status, requested.Body.GetProperty("state").GetString()));
        var replayed = await RequestAsync(requester, incidentId, tracingId, exportId);
        Assert.Equal((HttpStatusCode.OK, true), (replayed.Status, replayed.Replayed));
        var reused = await SendAsync(requester.PostAsJsonAsync(Exports(incidentId, tracingId), new { exportId, reason = "另一个理由另一个理由" }, Ct));
        Assert.Equal((HttpStatusCode.Conflict, "export_id_reused"), (reused.Status, reused.Code));

        // The requester cannot approve; nothing is downloadable before an approval.
        var self = await SendAsync(requester.PostAsJsonAsync($"{path}/approval", new { reason = "本人批准本人申请" }, Ct));
        Assert.Equal((HttpStatusCode.Conflict, "second_person_required"), (self.Status, self.Code));
        var early = await SendAsync(requester.GetAsync($"{path}/download", Ct));
        Assert.Equal((HttpStatusCode.Conflict, "export_not_approved"), (early.Status, early.Code));

        var approved = await SendAsync(approver.PostAsJsonAsync($"{path}/approval", new { reason = "经分管领导同意提供" }, Ct));
        Assert.Equal((HttpStatusCode.OK, "approved", "ops-b"), (approved.Status, approved.Body.GetProperty("state").GetString(), approved.Body.GetProperty("decidedBy").GetString()));
        var notYours = await SendAsync(bystander.GetAsync($"{path}/download", Ct));
        Assert.Equal((HttpStatusCode.Forbidden, "export_not_yours"), (notYours.Status, notYours.Code));

        // Two downloads at once: exactly one file.
        var downloads = await Task.WhenAll(requester.GetAsync($"{path}/download", Ct), approver.GetAsync($"{path}/download?format=csv", Ct));
        var file = Assert.Single(downloads, d => d.StatusCode == HttpStatusCode.OK);
        var other = Assert.Single(downloads, d => d.StatusCode != HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Gone, other.StatusCode);
        Assert.Contains("export_already_downloaded", await other.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("no-store", file.Headers.CacheControl?.ToString());
        var csv = await file.Content.ReadAsStringAsync(Ct);
        Assert.All(idNumbers, id => Assert.Contains(id, csv, StringComparison.Ordinal));
        Assert.Contains("pk-nobody-knows,same_hall,visitor,,,,none", csv, StringComparison.Ordinal);
        var again = await SendAsync(approver.GetAsync($"{path}/download?format=json", Ct));
        Assert.Equal((HttpStatusCode.Gone, "export_already_downloaded"), (again.Status, again.Code));

        // Screening recorded one read per person it decrypted, for this list, requested and approved by whom.
        var reads = await fixture.System.QueryAsync<ScreeningDbContext, List<CivicHall.Screening.Tracing.PersonalDataRead>>(CivicHallSystem.Screening, db =>
            db.Set<CivicHall.Screening.Tracing.PersonalDataRead>().Where(r => r.ListId == tracingId.ToString()).ToListAsync(Ct));
        Assert.Equal(2, reads.Count);
        Assert.All(reads, r => Assert.Equal(("leader-a", "ops-b", "县疾控中心流调需要密接名单"), (r.RequestedBy, r.ApprovedBy, r.Reason)));

        // Incident's access log (ops) names who requested, approved and downloaded, and how many people.
        var log = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/personal-data-access?incidentId={incidentId}", Ct);
        var entry = Assert.Single(log.GetProperty("items").EnumerateArray());
        Assert.Equal(("downloaded", "leader-a", "ops-b", 3), (entry.GetProperty("state").GetString(), entry.GetProperty("requestedBy").GetString(),
            entry.GetProperty("decidedBy").GetString(), entry.GetProperty("people").GetInt32()));
        Assert.Contains(entry.GetProperty("downloadedBy").GetString(), new[] { "leader-a", "ops-b" });
        var forbidden = await SendAsync(requester.GetAsync("/api/v1/incidents/personal-data-access", Ct));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);

        // No clear ID number in incident's rows, its outbox, the view or the log.
        var view = await requester.GetStringAsync(path, Ct);
        var outbox = await fixture.System.QueryAsync<IncidentDbContext, List<string>>(CivicHallSystem.Incident, db => db.Set<OutboxMessage>().Select(m => m.Payload).ToListAsync(Ct));
        var rows = await fixture.System.QueryAsync<IncidentDbContext, List<ClearExport>>(CivicHallSystem.Incident, db => db.ClearExports.AsNoTracking().ToListAsync(Ct));
        foreach (var id in idNumbers)
        {
            TestPeople.AssertNotIn(id, view, "the export's view");
            TestPeople.AssertNotIn(id, log.GetRawText(), "the access log");
            TestPeople.AssertNotIn(id, string.Join('\n', outbox), "incident's outbox");
            TestPeople.AssertNotIn(id, JsonSerializer.Serialize(rows), "incident's clear_exports");
            TestPeople.AssertNotIn(id, JsonSerializer.Serialize(reads), "screening's reads");
        }
    }

    [Fact]
    public async Task A_rejected_export_is_never_downloaded_and_an_approved_one_expires_after_its_window()
    {
        var (incidentId, tracingId, _) = await TracedAsync("exp-reject", 710);
        using var requester = fixture.GatewayClient("leader-a", Roles.DutyLeader);
        using var other = fixture.GatewayClient("leader-e", Roles.DutyLeader);
        var (rejectedId, expiringId) = (Guid.NewGuid(), Guid.NewGuid());

        await RequestAsync(requester, incidentId, tracingId, rejectedId);
        var rejected = await SendAsync(other.PostAsJsonAsync($"{Exports(incidentId, tracingId)}/{rejectedId}/rejection", new { reason = "名单范围过大" }, Ct));
        Assert.Equal((HttpStatusCode.OK, "rejected"), (rejected.Status, rejected.Body.GetProperty("state").GetString()));
        var late = await SendAsync(other.PostAsJsonAsync($"{Exports(incidentId, tracingId)}/{rejectedId}/approval", new { reason = "又同意了" }, Ct));
        Assert.Equal((HttpStatusCode.Conflict, "export_not_pending"), (late.Status, late.Code));
        var refused = await SendAsync(requester.GetAsync($"{Exports(incidentId, tracingId)}/{rejectedId}/download", Ct));
        Assert.Equal((HttpStatusCode.Conflict, "export_not_approved"), (refused.Status, refused.Code));

        // Requested a minute later: the list's newest-first order follows the request times, not the random ids of a tie.
        fixture.Advance(TimeSpan.FromMinutes(1));
        await RequestAsync(requester, incidentId, tracingId, expiringId);
        var approved = await SendAsync(other.PostAsJsonAsync($"{Exports(incidentId, tracingId)}/{expiringId}/approval", new { reason = "同意提供" }, Ct));
        Assert.Equal(HttpStatusCode.OK, approved.Status);
        fixture.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var expired = await SendAsync(requester.GetAsync($"{Exports(incidentId, tracingId)}/{expiringId}/download", Ct));
        Assert.Equal((HttpStatusCode.Gone, "export_expired"), (expired.Status, expired.Code));

        var list = await requester.GetFromJsonAsync<JsonElement>($"{Exports(incidentId, tracingId)}?limit=1", Ct);
        Assert.Equal(expiringId, list.GetProperty("items")[0].GetProperty("exportId").GetGuid());
        var next = list.GetProperty("nextCursor").GetString();
        var second = await requester.GetFromJsonAsync<JsonElement>($"{Exports(incidentId, tracingId)}?limit=1&cursor={Uri.EscapeDataString(next!)}", Ct);
        Assert.Equal(rejectedId, second.GetProperty("items")[0].GetProperty("exportId").GetGuid());
    }
}

/// <summary>
/// A download while screening (which decrypts its own copies) is down: 503 <c>source_unavailable</c> naming it, and the one
/// download is handed back, not used up. A system of its own, since screening is stopped.
/// </summary>
public sealed class ClearExportSourceDownTests(TestInfrastructure infrastructure)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_download_with_screening_down_is_503_naming_it_and_leaves_the_download_unused()
    {
        await using var system = await CivicHallSystem.StartAsync(infrastructure, withGateway: true);
        const string hall = "exp-source-down";
        await TracingSetup.AddHallAsync(system, hall);
        var (incidentId, c) = await TracingSetup.NoticeAsync(system, hall, TestPeople.IdNumber(2030));
        await TracingSetup.StaysAsync(system, hall, (c, "visitor", "zone-a", 0, 60), ("pk_trace_s001", "visitor", "zone-a", 10, 20));
        await TracingSetup.ScreeningsAsync(system, hall, (c, "visitor", "L1", -5), ("pk_trace_s001", "visitor", "L1", 8));

        using var leader = system.Client(CivicHallSystem.Incident, Roles.DutyLeader);
        using var ops = system.Client(CivicHallSystem.Incident, Roles.Ops);
        var (traced, _, run, _) = await SendAsync(leader.PostAsync(new Uri($"/api/v1/incidents/{incidentId}/tracing", UriKind.Relative), null, Ct));
        Assert.True(traced == HttpStatusCode.Created, run.ToString());
        var tracingId = run.GetProperty("tracingId").GetGuid();
        var exportId = Guid.NewGuid();
        var exports = $"/api/v1/incidents/{incidentId}/tracing/{tracingId}/clear-exports";
        var requested = await SendAsync(leader.PostAsJsonAsync(exports, new { exportId, reason = "区疾控中心流调需要密接名单" }, Ct));
        Assert.Equal(HttpStatusCode.Created, requested.Status);
        var approved = await SendAsync(ops.PostAsJsonAsync($"{exports}/{exportId}/approval", new { reason = "经分管领导同意提供" }, Ct));
        Assert.Equal(HttpStatusCode.OK, approved.Status);

        await system[CivicHallSystem.Screening].Services.GetRequiredService<IServer>().StopAsync(Ct);
        var down = await SendAsync(leader.GetAsync(new Uri($"{exports}/{exportId}/download", UriKind.Relative), Ct));
        Assert.True((HttpStatusCode.ServiceUnavailable, "source_unavailable") == (down.Status, down.Code), down.Body.ToString());
        Assert.Equal("screening", down.Body.GetProperty("source").GetString());

        var export = await system.QueryAsync<IncidentDbContext, ClearExport>(CivicHallSystem.Incident,
            db => db.ClearExports.AsNoTracking().SingleAsync(e => e.ExportId == exportId, Ct));
        Assert.Equal((ClearExportState.Approved, (DateTimeOffset?)null, (string?)null), (export.State, export.DownloadedAt, export.DownloadedBy));
    }
}
