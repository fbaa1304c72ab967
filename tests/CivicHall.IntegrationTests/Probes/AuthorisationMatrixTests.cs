using System.Text.Json.Nodes;
using CivicHall.IntegrationTests.Booking;
using Microsoft.Extensions.Time.Testing;
using static CivicHall.ServiceDefaults.Auth.Roles;

namespace CivicHall.IntegrationTests.Probes;

/// <summary>
/// Who may call what (issue 14): every operation of the services' OpenAPI documents, through the
/// gateway, by each role alone and by callers without a valid token — against one table of who is
/// allowed — and the cases where the caller's own subject decides (bookings, staff health files).
/// </summary>
[Collection(ProbesRunAlone.Name)]
public sealed class AuthorisationMatrixTests(ProbeSystem probe) : IClassFixture<ProbeSystem>
{
    private const int Concurrency = 8;
    private const string MatrixHall = "matrix-hall";

    private static readonly string[] Everyone = [Citizen, Agent, Screener, WindowStaff, SanitationStaff, DutyLeader, Ops, Portal];

    /// <summary>
    /// The roles allowed to call each operation, from README (Booking, Screening, Occupancy) and the
    /// endpoints' role checks. "Allowed" means the role is let through to the handler: not 401 nor 403
    /// (an empty body answers 400, an unknown id 404). Every other role gets 403, every caller without a
    /// valid token 401. Where the caller's subject matters (the booker, the staff member) the role is let
    /// through and the handler decides: see <see cref="A_caller_cannot_reach_what_belongs_to_another_subject"/>.
    /// </summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        // Booking: items, policy and slots are read by anyone signed in and written by ops.
        ["GET /api/v1/halls/{hallId}/service-items"] = Everyone,
        ["GET /api/v1/halls/{hallId}/service-items/{itemId}"] = Everyone,
        ["PUT /api/v1/halls/{hallId}/service-items/{itemId}"] = [Ops],
        ["GET /api/v1/halls/{hallId}/booking-policy"] = Everyone,
        ["PUT /api/v1/halls/{hallId}/booking-policy"] = [Ops],
        ["GET /api/v1/halls/{hallId}/booking-policy/versions"] = Everyone,
        ["GET /api/v1/halls/{hallId}/slots"] = Everyone,
        ["GET /api/v1/halls/{hallId}/slots/suggestions"] = Everyone,
        // Citizens through the app, the portal, window staff by phone or at the door, duty leaders (green channel).
        ["POST /api/v1/bookings"] = [Citizen, Portal, WindowStaff, DutyLeader],
        ["POST /api/v1/bookings/batches"] = [Agent],
        // One's own bookings and moving them (改约): the citizen, or the portal for its citizen; staff read ledgers.
        ["GET /api/v1/bookings"] = [Citizen, Portal],
        ["POST /api/v1/bookings/{bookingId}/reschedule"] = [Citizen, Portal],
        // The booker or staff; anyone else signed in is answered 404 (the booking is not theirs to know of).
        ["GET /api/v1/bookings/{bookingId}"] = Everyone,
        ["POST /api/v1/bookings/{bookingId}/cancel"] = Everyone,
        ["POST /api/v1/bookings/{bookingId}/check-in"] = [Citizen, Portal, WindowStaff, Screener, DutyLeader],
        ["POST /api/v1/bookings/{bookingId}/serve"] = [WindowStaff, DutyLeader],
        ["GET /api/v1/bookings/{bookingId}/person"] = [WindowStaff, DutyLeader],
        // Calling tickets (叫号): window staff and duty leaders call and mark missed; ops read too; the screen's feed is public.
        ["GET /api/v1/halls/{hallId}/windows"] = [WindowStaff, DutyLeader, Ops],
        ["POST /api/v1/halls/{hallId}/windows/{windowId}/calls"] = [WindowStaff, DutyLeader],
        ["GET /api/v1/halls/{hallId}/calls"] = [WindowStaff, DutyLeader, Ops],
        ["POST /api/v1/halls/{hallId}/calls/{callId}/missed"] = [WindowStaff, DutyLeader],
        ["GET /api/v1/halls/{hallId}/calls/stream"] = Everyone,
        ["GET /api/v1/agents/{agentId}"] = [Ops, Agent, DutyLeader],
        ["PUT /api/v1/agents/{agentId}"] = [Ops],
        // The hall's registers (登记台账): duty leaders and ops.
        ["GET /api/v1/halls/{hallId}/ledgers/bookings"] = [DutyLeader, Ops],

        // Screening.
        ["GET /api/v1/halls/{hallId}/screening-policy"] = Everyone,
        ["PUT /api/v1/halls/{hallId}/screening-policy"] = [Ops],
        ["GET /api/v1/halls/{hallId}/screening-policy/versions"] = Everyone,
        ["POST /api/v1/screenings"] = [Screener, DutyLeader],
        ["GET /api/v1/screenings/{screeningId}"] = [Screener, DutyLeader, Ops],
        ["GET /api/v1/halls/{hallId}/ledgers/screenings"] = [DutyLeader, Ops],
        // And the staff member themself, whatever staff role they hold (the cross-subject cases).
        ["GET /api/v1/staff/{staffId}/health-file"] = [Screener, DutyLeader, Ops],
        // Only duty leaders and ops open a file and set its identity and vaccination.
        ["PUT /api/v1/staff/{staffId}/health-file"] = [DutyLeader, Ops],
        // And the staff member themself, adding their own tests and symptoms (the cross-subject cases).
        ["POST /api/v1/staff/{staffId}/health-file/tests"] = [DutyLeader, Ops],
        ["POST /api/v1/staff/{staffId}/health-file/symptoms"] = [DutyLeader, Ops],

        // Occupancy.
        ["GET /api/v1/halls"] = Everyone,
        ["GET /api/v1/halls/{hallId}"] = Everyone,
        ["PUT /api/v1/halls/{hallId}"] = [Ops],
        ["GET /api/v1/halls/{hallId}/occupancy-policy"] = Everyone,
        ["PUT /api/v1/halls/{hallId}/occupancy-policy"] = [Ops],
        ["GET /api/v1/halls/{hallId}/occupancy-policy/versions"] = Everyone,
        ["GET /api/v1/halls/{hallId}/occupancy"] = Everyone,
        ["GET /api/v1/halls/{hallId}/occupancy/stream"] = Everyone,
        ["GET /api/v1/halls/{hallId}/queue"] = [Screener, WindowStaff, DutyLeader, Ops],
        ["POST /api/v1/halls/{hallId}/queue/{admissionId}/leave"] = [Screener, DutyLeader],
        ["POST /api/v1/halls/{hallId}/movements"] = [Screener, DutyLeader],
        ["POST /api/v1/halls/{hallId}/exits"] = [Screener, DutyLeader],
        ["POST /api/v1/halls/{hallId}/zones/{zoneId}/closure"] = [DutyLeader, Ops],
        ["POST /api/v1/halls/{hallId}/zones/{zoneId}/reopening"] = [DutyLeader, Ops],
        ["GET /api/v1/halls/{hallId}/zones/{zoneId}/occupants"] = [DutyLeader, Ops],
        ["GET /api/v1/halls/{hallId}/ledgers/admissions"] = [DutyLeader, Ops],

        // Sanitation: the plan is read by anyone signed in and written by ops; meetings are kept by duty
        // leaders and ops; the board and the meetings are read by sanitation staff, duty leaders and ops.
        ["GET /api/v1/halls/{hallId}/sanitation/plan"] = Everyone,
        ["PUT /api/v1/halls/{hallId}/sanitation/plan"] = [Ops],
        ["GET /api/v1/halls/{hallId}/sanitation/plan/versions"] = Everyone,
        ["GET /api/v1/halls/{hallId}/sanitation/meetings"] = [SanitationStaff, DutyLeader, Ops],
        ["PUT /api/v1/halls/{hallId}/sanitation/meetings/{meetingId}"] = [DutyLeader, Ops],
        ["DELETE /api/v1/halls/{hallId}/sanitation/meetings/{meetingId}"] = [DutyLeader, Ops],
        ["GET /api/v1/halls/{hallId}/sanitation/tasks"] = [SanitationStaff, DutyLeader, Ops],
        // Records are written by sanitation staff and duty leaders and read by them and ops; terminal disinfection
        // is ordered and confirmed by duty leaders only (the second person who reopens a zone).
        ["POST /api/v1/halls/{hallId}/sanitation/records"] = [SanitationStaff, DutyLeader],
        ["GET /api/v1/halls/{hallId}/sanitation/records"] = [SanitationStaff, DutyLeader, Ops],
        ["POST /api/v1/halls/{hallId}/sanitation/terminal-disinfections"] = [DutyLeader],
        ["POST /api/v1/halls/{hallId}/sanitation/terminal-disinfections/{taskId}/confirmation"] = [DutyLeader],
        // Supplies: items defined by ops and duty leaders, stock received and issued by sanitation staff and duty leaders, all of them read.
        ["GET /api/v1/halls/{hallId}/sanitation/supplies"] = [SanitationStaff, DutyLeader, Ops],
        ["GET /api/v1/halls/{hallId}/sanitation/compliance"] = [SanitationStaff, DutyLeader, Ops],
        ["PUT /api/v1/halls/{hallId}/sanitation/supplies/{itemId}"] = [DutyLeader, Ops],
        ["POST /api/v1/halls/{hallId}/sanitation/supplies/{itemId}/receipts"] = [SanitationStaff, DutyLeader],
        ["POST /api/v1/halls/{hallId}/sanitation/supplies/{itemId}/issues"] = [SanitationStaff, DutyLeader],
        ["GET /api/v1/halls/{hallId}/sanitation/supplies/{itemId}/movements"] = [SanitationStaff, DutyLeader, Ops],
        ["GET /api/v1/halls/{hallId}/sanitation/supplies/daily-masks"] = [SanitationStaff, DutyLeader, Ops],
        // Medical waste: bags registered and moved on by sanitation staff and duty leaders, read by them and ops.
        ["GET /api/v1/halls/{hallId}/sanitation/waste-bags"] = [SanitationStaff, DutyLeader, Ops],
        ["GET /api/v1/halls/{hallId}/sanitation/waste-bags/{bagId}"] = [SanitationStaff, DutyLeader, Ops],
        ["PUT /api/v1/halls/{hallId}/sanitation/waste-bags/{bagId}"] = [SanitationStaff, DutyLeader],
        ["POST /api/v1/halls/{hallId}/sanitation/waste-bags/{bagId}/seal"] = [SanitationStaff, DutyLeader],
        ["POST /api/v1/halls/{hallId}/sanitation/waste-bags/{bagId}/disinfected"] = [SanitationStaff, DutyLeader],
        ["POST /api/v1/halls/{hallId}/sanitation/waste-bags/{bagId}/handover"] = [SanitationStaff, DutyLeader],

        // Incidents: cases opened by screeners and duty leaders (and by themselves from abnormal readings), read by them and ops;
        // a screener records the isolation they escorted, the duty leader reports, hands over and closes.
        ["POST /api/v1/incidents"] = [Screener, DutyLeader],
        ["GET /api/v1/incidents"] = [Screener, DutyLeader, Ops],
        ["GET /api/v1/incidents/{incidentId}"] = [Screener, DutyLeader, Ops],
        ["POST /api/v1/incidents/{incidentId}/steps/isolated"] = [Screener, DutyLeader],
        ["POST /api/v1/incidents/{incidentId}/steps/reported"] = [DutyLeader],
        ["POST /api/v1/incidents/{incidentId}/steps/transferred"] = [DutyLeader],
        ["POST /api/v1/incidents/{incidentId}/steps/closed"] = [DutyLeader],
        // An authority's notice is taken by the duty leader or ops; the unit is informed by the duty leader, the hospital
        // notified and 110 called by them or the screener on the spot; the incident policy is written by ops, like the others.
        ["POST /api/v1/incidents/notices"] = [DutyLeader, Ops],
        ["POST /api/v1/incidents/{incidentId}/actions/unit-informed"] = [DutyLeader],
        ["POST /api/v1/incidents/{incidentId}/actions/hospital-notified"] = [Screener, DutyLeader],
        ["POST /api/v1/incidents/{incidentId}/police-calls"] = [Screener, DutyLeader],
        ["GET /api/v1/halls/{hallId}/incident-policy"] = Everyone,
        ["PUT /api/v1/halls/{hallId}/incident-policy"] = [Ops],
        ["GET /api/v1/halls/{hallId}/incident-policy/versions"] = Everyone,

        // Containment: a duty leader closes a zone or requests a suspension or resumption (and withdraws it); a second
        // person with ops approves; both read.
        ["POST /api/v1/halls/{hallId}/containment/zone-closures"] = [DutyLeader],
        ["POST /api/v1/halls/{hallId}/containment/suspensions"] = [DutyLeader],
        ["POST /api/v1/halls/{hallId}/containment/resumptions"] = [DutyLeader],
        ["POST /api/v1/halls/{hallId}/containment/{containmentId}/approval"] = [Ops],
        ["POST /api/v1/halls/{hallId}/containment/{containmentId}/withdrawal"] = [DutyLeader],
        ["GET /api/v1/halls/{hallId}/containment"] = [DutyLeader, Ops],
        ["GET /api/v1/halls/{hallId}/containment/{containmentId}"] = [DutyLeader, Ops],
        // Contact tracing: a duty leader traces a case; duty leaders and ops read the runs and the masked export.
        ["POST /api/v1/incidents/{incidentId}/tracing"] = [DutyLeader],
        ["GET /api/v1/incidents/{incidentId}/tracing"] = [DutyLeader, Ops],
        ["GET /api/v1/incidents/{incidentId}/tracing/{tracingId}"] = [DutyLeader, Ops],
        ["GET /api/v1/incidents/{incidentId}/tracing/{tracingId}/export"] = [DutyLeader, Ops],

        // Clear exports of a tracing list: a duty leader requests; another duty leader or ops approves or rejects; the
        // requester or the approver downloads (the handler checks which: 403 export_not_yours); ops read the access log.
        ["POST /api/v1/incidents/{incidentId}/tracing/{tracingId}/clear-exports"] = [DutyLeader],
        ["GET /api/v1/incidents/{incidentId}/tracing/{tracingId}/clear-exports"] = [DutyLeader, Ops],
        ["GET /api/v1/incidents/{incidentId}/tracing/{tracingId}/clear-exports/{exportId}"] = [DutyLeader, Ops],
        ["POST /api/v1/incidents/{incidentId}/tracing/{tracingId}/clear-exports/{exportId}/approval"] = [DutyLeader, Ops],
        ["POST /api/v1/incidents/{incidentId}/tracing/{tracingId}/clear-exports/{exportId}/rejection"] = [DutyLeader, Ops],
        ["GET /api/v1/incidents/{incidentId}/tracing/{tracingId}/clear-exports/{exportId}/download"] = [DutyLeader, Ops],
        ["GET /api/v1/incidents/personal-data-access"] = [Ops],
        ["GET /api/v1/reports/daily"] = [DutyLeader, Ops],

        // The public live view: everyone, with a token or without (see Public).
        ["GET /api/v1/public/halls/{hallId}/live"] = Everyone,
        ["GET /api/v1/public/halls/{hallId}/live/stream"] = Everyone,
    };

    /// <summary>The operations a caller without a token may call too (anonymous, rate-limited at the gateway).</summary>
    private static readonly HashSet<string> Public = new(StringComparer.Ordinal)
    {
        "GET /api/v1/public/halls/{hallId}/live",
        "GET /api/v1/public/halls/{hallId}/live/stream",
        "GET /api/v1/halls/{hallId}/calls/stream",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_operation_answers_each_caller_as_the_table_says()
    {
        var failures = new ConcurrentBag<string>();
        var operations = probe.Api.Operations;
        var missing = operations.Where(o => !Allowed.ContainsKey(o.Key)).Select(o => $"[\"{o.Key}\"] = [...],  // {o.Service}").ToList();
        var stale = Allowed.Keys.Where(k => operations.All(o => o.Key != k)).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            (missing.Count == 0 ? string.Empty : $"Operations in the OpenAPI documents without a row in the table:\n{string.Join('\n', missing)}\n")
            + (stale.Count == 0 ? string.Empty : $"Rows for operations no document lists:\n{string.Join('\n', stale)}"));

        var callers = Callers();
        var cells = operations.SelectMany(o => callers.Select(c => (Operation: o, Caller: c))).ToList();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cells, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = Ct }, async (cell, ct) =>
        {
            var (op, caller) = cell;
            using var request = new HttpRequestMessage(new HttpMethod(op.Method), Url(op));
            if (caller.Token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", caller.Token);
            }

            if (!op.IsRead)
            {
                // A body that binds but that validation refuses (a policy cannot take effect in the past; every
                // other write lacks its required fields), so no cell changes anything.
                request.Content = new StringContent("""{"effectiveFrom":"2000-01-01T00:00:00+00:00"}""", Encoding.UTF8, "application/json");
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            }

            var outcome = await ProbeOutcome.OfAsync(probe.Gateway, request, TimeSpan.FromSeconds(30), ct);
            var expected = caller.Role is null
                ? Public.Contains(op.Key) ? "allowed (not 401/403)" : "401 unauthenticated"
                : Allowed[op.Key].Contains(caller.Role) ? "allowed (not 401/403)" : "403 forbidden";
            var ok = expected switch
            {
                "401 unauthenticated" => outcome is { Status: 401, IsProblem: true, Code: "unauthenticated" },
                "403 forbidden" => outcome is { Status: 403, IsProblem: true } && outcome.Code is "forbidden",
                _ => outcome.Status is > 0 and not 401 and not 403 and < 500,
            };
            if (!ok)
            {
                failures.Add($"{op.Key} as {caller.Name}: expected {expected}, got {outcome.Status} {outcome.Code} {outcome.Excerpt}");
            }
        });
        clock.Stop();

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Authorisation matrix: {cells.Count} cells ({operations.Count} operations × {callers.Count} callers) in {clock.Elapsed.TotalSeconds:0.0} s, {Concurrency} at a time.");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cells.Count} cells answered otherwise than the table says:\n{string.Join('\n', failures.Order(StringComparer.Ordinal))}");
    }

    [Fact]
    public async Task A_caller_cannot_reach_what_belongs_to_another_subject()
    {
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();

        // Citizen A books; citizen B (and a portal, an agent, sanitation staff) may neither read, cancel nor check it in.
        var citizenA = ProbeSystem.Token([Citizen], "cit-a");
        var booking = await probe.SendJsonAsync(HttpMethod.Post, "/api/v1/bookings", probe.Example("POST /api/v1/bookings"), Ct, citizenA);
        var bookingId = booking.GetProperty("bookingId").GetGuid();
        string[] secrets = [booking.GetProperty("person").GetProperty("idNumber").GetString()!, booking.GetProperty("slotId").GetString()!];
        var others = new (string Name, string Token)[]
        {
            ("citizen B", ProbeSystem.Token([Citizen], "cit-b")),
            ("portal B", ProbeSystem.Token([Portal], "portal-b")),
            ("agent B", ProbeSystem.Token([Agent], "agent-b")),
            ("sanitation staff", ProbeSystem.Token([SanitationStaff], "san-b")),
        };
        foreach (var (name, token) in others)
        {
            foreach (var (method, url) in new[]
            {
                (HttpMethod.Get, $"/api/v1/bookings/{bookingId}"),
                (HttpMethod.Post, $"/api/v1/bookings/{bookingId}/cancel"),
                (HttpMethod.Post, $"/api/v1/bookings/{bookingId}/check-in"),
                (HttpMethod.Post, $"/api/v1/bookings/{bookingId}/reschedule"),
            })
            {
                await ExpectRefusedAsync($"{name}: {method} {url} (citizen A's booking)", method, url, method == HttpMethod.Post ? new JsonObject() : null, token, failures, secrets);
            }

            // Their own list (citizen, portal) never shows it.
            var listsOwn = name.StartsWith("citizen", StringComparison.Ordinal) || name.StartsWith("portal", StringComparison.Ordinal);
            if (listsOwn && (await probe.SendJsonAsync(HttpMethod.Get, "/api/v1/bookings", null, Ct, token)).GetProperty("bookings").EnumerateArray()
                    .Any(b => b.GetProperty("bookingId").GetGuid() == bookingId))
            {
                failures.Add($"{name}: GET /api/v1/bookings lists citizen A's booking");
            }
        }

        var after = await probe.SendJsonAsync(HttpMethod.Get, $"/api/v1/bookings/{bookingId}", null, Ct, citizenA);
        if (after.GetProperty("status").GetString() != "confirmed" || after.GetProperty("ticketNumber").ValueKind != JsonValueKind.Null)
        {
            failures.Add($"citizen A's booking was changed by others: {after.GetRawText()}");
        }

        // An agent sees only their own registration.
        await ExpectRefusedAsync($"agent B: GET /api/v1/agents/{ProbeSystem.Subject}", HttpMethod.Get, $"/api/v1/agents/{ProbeSystem.Subject}", null,
            ProbeSystem.Token([Agent], "agent-b"), failures, ["QP-2026-001"]);

        // Staff health files: duty leaders and ops open and keep them, the staff member adds their own
        // tests and symptoms; screeners read; nobody else.
        var ops = ProbeSystem.Token([Ops], "ops-1");
        var file = await probe.SendJsonAsync(HttpMethod.Put, "/api/v1/staff/staff-b/health-file", JsonSerializer.SerializeToNode(ProbeSystem.StaffFile(7001)), Ct, ops);
        var fileSecrets = new[] { file.GetProperty("idNumberMasked").GetString()! };
        var writes = new (string Name, string Token, string StaffId)[]
        {
            ("window staff A writing staff B's file", ProbeSystem.Token([WindowStaff], "staff-a"), "staff-b"),
            ("sanitation staff A writing staff B's file", ProbeSystem.Token([SanitationStaff], "san-a"), "staff-b"),
            ("a screener writing staff B's file", ProbeSystem.Token([Screener], "scr-a"), "staff-b"),
            ("citizen cit-1 writing staff B's file", ProbeSystem.Token([Citizen], "cit-1"), "staff-b"),
            ("citizen cit-1 writing the file of staff id cit-1", ProbeSystem.Token([Citizen], "cit-1"), "cit-1"),
            ("portal portal-1 writing the file of staff id portal-1", ProbeSystem.Token([Portal], "portal-1"), "portal-1"),
            ("agent agent-1 writing the file of staff id agent-1", ProbeSystem.Token([Agent], "agent-1"), "agent-1"),
        };
        foreach (var (name, token, staffId) in writes)
        {
            var url = $"/api/v1/staff/{staffId}/health-file";
            await ExpectRefusedAsync($"{name}: PUT {url}", HttpMethod.Put, url, JsonSerializer.SerializeToNode(ProbeSystem.StaffFile(7100)), token, failures, fileSecrets, forbiddenOnly: true);
            await ExpectRefusedAsync($"{name}: POST {url}/tests", HttpMethod.Post, $"{url}/tests", OwnTest(), token, failures, fileSecrets, forbiddenOnly: true);
        }

        // A staff member cannot set their own file's identity, not even for the file that is theirs.
        await ExpectRefusedAsync(
            "window staff A opening their own file: PUT /api/v1/staff/staff-a/health-file", HttpMethod.Put, "/api/v1/staff/staff-a/health-file",
            JsonSerializer.SerializeToNode(ProbeSystem.StaffFile(7300)), ProbeSystem.Token([WindowStaff], "staff-a"), failures, fileSecrets, forbiddenOnly: true);

        foreach (var (name, token, staffId) in new[]
        {
            ("citizen cit-1 reading staff B's file", ProbeSystem.Token([Citizen], "cit-1"), "staff-b"),
            ("citizen cit-1 reading the file of staff id cit-1", ProbeSystem.Token([Citizen], "cit-1"), "cit-1"),
            ("window staff A reading staff B's file", ProbeSystem.Token([WindowStaff], "staff-a"), "staff-b"),
        })
        {
            var url = $"/api/v1/staff/{staffId}/health-file";
            await ExpectRefusedAsync($"{name}: GET {url}", HttpMethod.Get, url, null, token, failures, fileSecrets, forbiddenOnly: true);
        }

        // Nothing was written: staff B's file is as ops left it, and no file exists for the non-staff subjects.
        var unchanged = await probe.SendJsonAsync(HttpMethod.Get, "/api/v1/staff/staff-b/health-file", null, Ct, ops);
        if (unchanged.GetProperty("revision").GetInt32() != file.GetProperty("revision").GetInt32())
        {
            failures.Add($"staff B's file was rewritten by a refused caller: revision {file.GetProperty("revision")} → {unchanged.GetProperty("revision")}");
        }

        foreach (var staffId in new[] { "cit-1", "portal-1", "agent-1" })
        {
            using var read = await probe.SendAsync(HttpMethod.Get, $"/api/v1/staff/{staffId}/health-file", null, Ct, ops);
            if (read.IsSuccessStatusCode)
            {
                failures.Add($"a health file for staff id {staffId} was stored by a caller that is not staff");
            }
        }

        // The other side: a staff member adds a test to the file a duty leader opened for them, and a screener reads anyone's.
        await probe.SendJsonAsync(HttpMethod.Put, "/api/v1/staff/staff-a/health-file", JsonSerializer.SerializeToNode(ProbeSystem.StaffFile(7200)), Ct, ops);
        var own = ProbeSystem.Token([WindowStaff], "staff-a");
        using (var add = await probe.SendAsync(HttpMethod.Post, "/api/v1/staff/staff-a/health-file/tests", OwnTest(), Ct, own))
        {
            if (!add.IsSuccessStatusCode)
            {
                failures.Add($"window staff A adding a test to their own file: expected 2xx, got {(int)add.StatusCode} {ProbeSystem.Excerpt(await add.Content.ReadAsStringAsync(Ct))}");
            }
        }

        using (var read = await probe.SendAsync(HttpMethod.Get, "/api/v1/staff/staff-b/health-file", null, Ct, ProbeSystem.Token([Screener], "scr-a")))
        {
            if (!read.IsSuccessStatusCode)
            {
                failures.Add($"a screener reading staff B's file: expected 200, got {(int)read.StatusCode}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Cross-subject cases: {others.Length * 3 + 1 + writes.Length + 3} refusals and 2 permitted calls checked in {clock.Elapsed.TotalSeconds:0.0} s.");
        Assert.True(failures.Count == 0, $"{failures.Count} cross-subject cases failed:\n{string.Join('\n', failures)}");
    }

    /// <summary>
    /// A call that must be refused: 403 (or 404, which hides that the resource exists, unless
    /// <paramref name="forbiddenOnly"/>) as a problem, with none of the resource's data in the answer.
    /// </summary>
    private async Task ExpectRefusedAsync(
        string what, HttpMethod method, string url, JsonNode? body, string token, List<string> failures, IEnumerable<string> secrets, bool forbiddenOnly = false)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        var outcome = await ProbeOutcome.OfAsync(probe.Gateway, request, TimeSpan.FromSeconds(30), Ct);
        var refused = forbiddenOnly ? outcome.Status == 403 : outcome.Status is 403 or 404;
        if (!refused || !outcome.IsProblem)
        {
            failures.Add($"{what}: expected {(forbiddenOnly ? "403" : "403 or 404")} as a problem, got {outcome.Status} {outcome.Excerpt}");
        }

        var leaked = secrets.Where(s => outcome.Body.Contains(s, StringComparison.Ordinal)).ToList();
        if (leaked.Count > 0 && !outcome.IsSuccess)
        {
            failures.Add($"{what}: the answer shows {string.Join(", ", leaked)}");
        }
    }

    private string Url(ApiOperation op)
    {
        var url = op.Template;
        foreach (var parameter in op.PathParameters)
        {
            var value = parameter.Name switch
            {
                // A hall no service knows: a write that slips through changes nothing the other probes rely on.
                "hallId" => MatrixHall,
                "itemId" => ProbeSystem.ItemId,
                "zoneId" => ProbeSystem.ZoneId,
                // Nobody's subject: whether a role is let through, not whether it owns the resource.
                "staffId" => "staff-matrix",
                "agentId" => "agent-matrix",
                "callId" => "1",
                _ => ApiDescription.FormatOf(parameter.Schema) == "uuid" ? Guid.NewGuid().ToString() : "probe",
            };
            url = url.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        var query = op.QueryParameters.Select(q => q.Name switch
        {
            "date" => $"date={probe.Day:yyyy-MM-dd}",
            "reason" => "reason=" + Uri.EscapeDataString("柜台核验身份"),
            "itemId" => $"itemId={ProbeSystem.ItemId}",
            _ => null,
        }).OfType<string>().ToList();
        return query.Count == 0 ? url : $"{url}?{string.Join('&', query)}";
    }

    /// <summary>Each role alone, then callers without a valid token (each of which claims every role).</summary>
    private static List<Caller> Callers()
    {
        var callers = Roles.All.Order(StringComparer.Ordinal).Select(role => new Caller(role, role, ProbeSystem.Token([role], $"matrix-{role}"))).ToList();
        var now = DateTimeOffset.UtcNow;
        callers.Add(new Caller("no token", null, null));
        callers.Add(new Caller("an expired token", null,
            DevelopmentTokens.Create(Roles.All, "matrix-expired", new FakeTimeProvider(now.AddHours(-3)), lifetime: TimeSpan.FromHours(1))));
        callers.Add(new Caller("a token signed with another key", null,
            DevelopmentTokens.Create(Roles.All, "matrix-forged", TimeProvider.System, signingKey: "another-key-that-is-at-least-32-bytes-long!!")));
        callers.Add(new Caller("an alg:none token", null, UnsignedToken(now)));
        callers.Add(new Caller("a malformed token", null, "not-a-jwt"));
        return callers;
    }

    /// <summary>A token that claims every role with no signature at all: {"alg":"none"}.</summary>
    private static string UnsignedToken(DateTimeOffset now)
    {
        static string Part(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = Part(new { alg = "none", typ = "JWT" });
        var payload = Part(new Dictionary<string, object>
        {
            ["sub"] = "matrix-none",
            ["role"] = Roles.All.ToArray(),
            ["iss"] = "civichall",
            ["aud"] = "civichall-api",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        });
        return string.Create(CultureInfo.InvariantCulture, $"{header}.{payload}.");
    }

    /// <summary>Who calls: a role alone (<see cref="Role"/>), or a caller whose token must be refused (no role).</summary>
    private sealed record Caller(string Name, string? Role, string? Token);

    private static System.Text.Json.Nodes.JsonNode OwnTest() =>
        JsonSerializer.SerializeToNode(new { at = DateTimeOffset.UtcNow.AddHours(-1), kind = "antigen", result = "negative" })!;
}
