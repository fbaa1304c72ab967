using CivicHall.Contracts.Incidents.V1;
using CivicHall.Contracts.Screening.V1;
using CivicHall.IntegrationTests.Booking;
using CivicHall.Screening.Data;
using CivicHall.Screening.Holds;
using CivicHall.Screening.Screenings;
using CivicHall.Screening.Visits;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Screening;

/// <summary>
/// Readings at the door of a hall whose bookings screening learns from booking's events; booking and
/// screening share a clock the test sets to 08:50 on a weekday, ten minutes before the first slot.
/// </summary>
public sealed class ScreeningFlowTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly DateOnly Day = BookingSetup.NextWeekday();
    private readonly FakeTimeProvider _clock = new(At(8, 50));
    private CivicHallSystem _system = null!;
    private HttpClient _screener = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset At(int hour, int minute) =>
        new DateTimeOffset(Day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8)).ToUniversalTime();

    private static string Slot(string time) => $"{Day:yyyyMMdd}-{time}-social";

    public async ValueTask InitializeAsync()
    {
        _system = await CivicHallSystem.StartAsync(infrastructure, bookingClock: _clock, screeningClock: _clock);
        await BookingSetup.AddHallAsync(_system, "qingpu");
        await ScreeningSetup.WaitUntilKnownAsync(_system, "qingpu");
        using var bookingOps = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        (await bookingOps.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 1m), Ct)).EnsureSuccessStatusCode();
        (await bookingOps.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
        using var screeningOps = _system.Client(CivicHallSystem.Screening, Roles.Ops);
        (await screeningOps.PutAsJsonAsync("/api/v1/halls/qingpu/screening-policy", new { }, Ct)).EnsureSuccessStatusCode();
        _screener = _system.Client(CivicHallSystem.Screening, Roles.Screener);
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_screener, _system);

    private async Task<string> BookAsync(int person, string time)
    {
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new { hallId = "qingpu", itemId = "pension", slotId = Slot(time), channel = "app", person = TestPeople.Person(person) }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await citizen.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var bookingId = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetString()!;
        await Eventually.UntilAsync(
            () => _system.QueryAsync<ScreeningDbContext, bool>(CivicHallSystem.Screening, db => db.VisitorBookings.AnyAsync(b => b.BookingId == Guid.Parse(bookingId) && b.Active)),
            known => known,
            because: "screening should learn of the booking from BookingConfirmed");
        return bookingId;
    }

    private static object Reading(
        int person, string healthCode = "green", decimal temperature = 36.6m, double testHoursAgo = 24, DateTimeOffset? now = null,
        Guid? retestOf = null, string hallId = "qingpu", DateTimeOffset? testAt = null) => new
        {
            hallId,
            personKind = "visitor",
            person = TestPeople.Person(person),
            healthCode,
            testAt = testAt ?? (now ?? At(8, 50)).AddHours(-testHoursAgo),
            testResult = "negative",
            temperatureC = temperature,
            mask = true,
            lane = "A1",
            retestOf,
        };

    private async Task<(HttpStatusCode Status, JsonElement Body)> ScreenAsync(object reading)
    {
        var response = await _screener.PostAsJsonAsync("/api/v1/screenings", reading, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    private static string? Decisive(JsonElement body) =>
        body.GetProperty("findings").EnumerateArray().FirstOrDefault(f => f.GetProperty("outcome").GetString() == body.GetProperty("outcome").GetString()) is { ValueKind: JsonValueKind.Object } f
            ? f.GetProperty("rule").GetString()
            : null;

    [Fact]
    public async Task A_booked_visitor_in_their_window_is_admitted_and_occupancy_is_told()
    {
        await using var admitted = await EventProbe<PersonAdmitted>.StartAsync(_system.MessagingUri);
        await BookAsync(1, "0900");

        var (status, body) = await ScreenAsync(Reading(1));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("admit", body.GetProperty("outcome").GetString());
        Assert.Equal(1, body.GetProperty("policyVersion").GetInt32());
        Assert.Equal(TestPeople.IdNumber(1)[..3] + "***********" + TestPeople.IdNumber(1)[^4..], body.GetProperty("idNumberMasked").GetString());
        var screeningId = body.GetProperty("screeningId").GetGuid();
        var message = await Eventually.UntilAsync(
            () => Task.FromResult(admitted.Received.FirstOrDefault(m => m.ScreeningId == screeningId)),
            m => m is not null,
            because: "PersonAdmitted should reach the broker");
        Assert.Equal(("qingpu", "visitor", "A1", (string?)null), (message!.HallId, message.PersonKind, message.Lane, message.PriorityGroup));
        Assert.StartsWith("pk_", message.PersonKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitor_without_a_booking_or_with_a_cancelled_one_is_turned_away()
    {
        await using var denied = await EventProbe<ScreeningDenied>.StartAsync(_system.MessagingUri);
        var (_, unbooked) = await ScreenAsync(Reading(2));
        Assert.Equal(("deny", "booking.missing"), (unbooked.GetProperty("outcome").GetString(), Decisive(unbooked)));

        await BookAsync(3, "1000");
        var (_, early) = await ScreenAsync(Reading(3));
        Assert.Equal(("deny", "booking.too_early"), (early.GetProperty("outcome").GetString(), Decisive(early)));

        var booking = await BookAsync(4, "0900");
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        (await citizen.PostAsJsonAsync($"/api/v1/bookings/{booking}/cancel", new { }, Ct)).EnsureSuccessStatusCode();
        await Eventually.UntilAsync(
            () => _system.QueryAsync<ScreeningDbContext, bool>(CivicHallSystem.Screening, db => db.VisitorBookings.AnyAsync(b => b.BookingId == Guid.Parse(booking) && !b.Active)),
            ended => ended,
            because: "screening should learn of the cancellation");
        var (_, cancelled) = await ScreenAsync(Reading(4));
        Assert.Equal(("deny", "booking.missing"), (cancelled.GetProperty("outcome").GetString(), Decisive(cancelled)));

        await Eventually.UntilAsync(() => Task.FromResult(denied.Received.Count), n => n >= 3, because: "each denial is announced");
        Assert.Equal(["booking.missing", "booking.missing", "booking.too_early"], denied.Received.Select(d => d.Rules.Single()).Order());
    }

    [Fact]
    public async Task A_visitor_served_at_a_window_is_not_admitted_again_on_the_same_booking()
    {
        var booking = await BookAsync(20, "0900");
        var (_, first) = await ScreenAsync(Reading(20));
        Assert.Equal("admit", first.GetProperty("outcome").GetString());

        using var staff = _system.Client(CivicHallSystem.Booking, Roles.WindowStaff);
        (await staff.PostAsJsonAsync($"/api/v1/bookings/{booking}/check-in", new { }, Ct)).EnsureSuccessStatusCode();
        (await staff.PostAsJsonAsync($"/api/v1/bookings/{booking}/serve", new { windowId = "A3" }, Ct)).EnsureSuccessStatusCode();
        await Eventually.UntilAsync(
            () => _system.QueryAsync<ScreeningDbContext, bool>(CivicHallSystem.Screening, db => db.VisitorBookings.AnyAsync(b => b.BookingId == Guid.Parse(booking) && !b.Active)),
            ended => ended,
            because: "screening should learn that the booking was served");

        var (_, again) = await ScreenAsync(Reading(20));
        Assert.Equal(("deny", "booking.missing"), (again.GetProperty("outcome").GetString(), Decisive(again)));
    }

    [Fact]
    public async Task A_red_code_is_isolated_and_incident_is_told_with_the_reading()
    {
        await using var abnormal = await EventProbe<AbnormalPersonDetected>.StartAsync(_system.MessagingUri);
        await BookAsync(5, "0900");

        var (status, body) = await ScreenAsync(Reading(5, healthCode: "red", temperature: 37.0m));

        Assert.Equal((HttpStatusCode.Created, "isolate", "health_code.red"), (status, body.GetProperty("outcome").GetString(), Decisive(body)));
        Assert.Contains("to_isolation_area", body.GetProperty("measures").EnumerateArray().Select(m => m.GetString()));
        var id = body.GetProperty("screeningId").GetGuid();
        var message = await Eventually.UntilAsync(
            () => Task.FromResult(abnormal.Received.FirstOrDefault(m => m.ScreeningId == id)),
            m => m is not null,
            because: "AbnormalPersonDetected should reach the broker");
        Assert.Equal(["health_code.red"], message!.Rules);
        Assert.Equal(("red", 37.0m, "A1"), (message.HealthCode, message.TemperatureC, message.Lane));
    }

    [Fact]
    public async Task A_retest_is_linked_to_its_first_reading_and_fever_on_the_retest_isolates()
    {
        await BookAsync(6, "0900");
        var (_, first) = await ScreenAsync(Reading(6, temperature: 37.8m));
        Assert.Equal(("retest", "temperature.retest"), (first.GetProperty("outcome").GetString(), Decisive(first)));

        var firstId = first.GetProperty("screeningId").GetGuid();
        var (_, retest) = await ScreenAsync(Reading(6, temperature: 37.7m, retestOf: firstId));
        Assert.Equal(("isolate", "temperature.fever"), (retest.GetProperty("outcome").GetString(), Decisive(retest)));
        Assert.Equal(firstId, retest.GetProperty("retestOf").GetGuid());

        // The record reads back as it was decided, personal data encrypted at rest.
        using var ops = _system.Client(CivicHallSystem.Screening, Roles.Ops);
        var stored = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/screenings/{retest.GetProperty("screeningId").GetGuid()}", Ct);
        foreach (var field in new[] { "outcome", "findings", "measures", "retestOf", "temperatureC", "idNumberMasked", "nameMasked", "policyVersion", "lane" })
        {
            Assert.Equal(retest.GetProperty(field).GetRawText(), stored.GetProperty(field).GetRawText());
        }

        var row = await _system.QueryAsync<ScreeningDbContext, ScreeningRecord>(
            CivicHallSystem.Screening, db => db.Screenings.AsNoTracking().SingleAsync(r => r.Id == firstId));
        TestPeople.AssertNotIn(TestPeople.IdNumber(6), row.IdNumberEncrypted, "the stored encrypted ID number");
        Assert.Equal(37.8m, row.TemperatureC);
        Assert.Equal(HttpStatusCode.NotFound, (await ops.GetAsync($"/api/v1/screenings/{Guid.NewGuid()}", Ct)).StatusCode);

        var (status, problem) = await ScreenAsync(Reading(7, temperature: 37.7m, retestOf: firstId)); // someone else's reading
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "retest_unknown"), (status, problem.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_policy_version_decides_from_its_effective_time_and_not_before()
    {
        await BookAsync(8, "0900");
        using var ops = _system.Client(CivicHallSystem.Screening, Roles.Ops);
        // From 09:00 visitors need a test from the last 24 h instead of 48 h.
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/screening-policy", new
        {
            effectiveFrom = At(9, 0),
            kinds = new[] { new { kind = "visitor", testValidityHours = 24 } },
        }, Ct)).EnsureSuccessStatusCode();
        var testAt = At(8, 50).AddHours(-30);

        var (_, before) = await ScreenAsync(Reading(8, testAt: testAt));
        Assert.Equal(("admit", 1), (before.GetProperty("outcome").GetString(), before.GetProperty("policyVersion").GetInt32()));

        _clock.SetUtcNow(At(9, 1));
        var (_, after) = await ScreenAsync(Reading(8, testAt: testAt, now: At(9, 1)));
        Assert.Equal(("deny", "test.expired", 2), (after.GetProperty("outcome").GetString(), Decisive(after), after.GetProperty("policyVersion").GetInt32()));
    }

    [Fact]
    public async Task Impossible_readings_and_unknown_halls_are_refused_with_their_codes_and_stored_nowhere()
    {
        var cold = await ScreenAsync(Reading(9, temperature: 20m));
        var hot = await ScreenAsync(Reading(9, temperature: 45m));
        var futureTest = await ScreenAsync(Reading(9, testAt: At(8, 50).AddHours(3)));
        Assert.All(new[] { cold, hot, futureTest }, r =>
            Assert.Equal((HttpStatusCode.UnprocessableEntity, "reading_impossible"), (r.Status, r.Body.GetProperty("code").GetString())));
        Assert.True(cold.Body.GetProperty("errors").TryGetProperty("temperatureC", out _));
        Assert.True(futureTest.Body.GetProperty("errors").TryGetProperty("testAt", out _));

        var unknownHall = await ScreenAsync(Reading(9, hallId: "nowhere"));
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), (unknownHall.Status, unknownHall.Body.GetProperty("code").GetString()));
        var malformed = await ScreenAsync(new { hallId = "qingpu", personKind = "tourist", person = new { idNumber = "123" }, healthCode = "blue" });
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (malformed.Status, malformed.Body.GetProperty("code").GetString()));
        foreach (var field in new[] { "personKind", "person.idNumber", "person.name", "healthCode", "temperatureC", "mask" })
        {
            Assert.True(malformed.Body.GetProperty("errors").TryGetProperty(field, out _), field);
        }

        Assert.Equal(0, await _system.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db => db.Screenings.CountAsync(Ct)));
    }

    [Fact]
    public async Task Staff_are_checked_in_against_their_health_file_and_kept_from_their_shift_when_it_fails()
    {
        using var leader = _system.Client(CivicHallSystem.Screening, Roles.DutyLeader);
        object File(double hoursAgo) => new
        {
            hallId = "qingpu",
            person = new { idNumber = TestPeople.IdNumber(20), name = "王工作" },
            vaccinationDoses = 3,
            tests = new[] { new { at = At(8, 50).AddHours(-hoursAgo), kind = "nucleic", result = "negative" } },
            symptoms = Array.Empty<object>(),
        };
        object StaffReading() => new
        {
            hallId = "qingpu",
            personKind = "staff",
            person = new { idNumber = TestPeople.IdNumber(20), name = "王工作" },
            healthCode = "green",
            temperatureC = 36.4m,
            mask = true,
        };

        Assert.Equal(HttpStatusCode.Created, (await leader.PutAsJsonAsync("/api/v1/staff/staff-20/health-file", File(20), Ct)).StatusCode);
        var (_, fresh) = await ScreenAsync(StaffReading());
        Assert.Equal("admit", fresh.GetProperty("outcome").GetString());
        // PersonAdmitted names the staff member by their file's id (sanitation's daily masks know who is on duty by it).
        var screeningId = fresh.GetProperty("screeningId").GetGuid().ToString();
        var announced = await _system.QueryAsync<ScreeningDbContext, List<string>>(CivicHallSystem.Screening, db =>
            db.Set<CivicHall.Messaging.Outbox.OutboxMessage>().AsNoTracking().Where(m => m.MessageType.EndsWith("PersonAdmitted")).Select(m => m.Payload).ToListAsync(Ct));
        var admittedStaff = announced.Select(p => JsonDocument.Parse(p).RootElement).Single(e => e.GetProperty("screeningId").GetString() == screeningId);
        Assert.Equal(("staff", "staff-20"), (admittedStaff.GetProperty("personKind").GetString(), admittedStaff.GetProperty("staffId").GetString()));

        Assert.Equal(HttpStatusCode.OK, (await leader.PutAsJsonAsync("/api/v1/staff/staff-20/health-file", File(30), Ct)).StatusCode);
        var (_, stale) = await ScreenAsync(StaffReading());
        Assert.Equal(("deny", "test.expired"), (stale.GetProperty("outcome").GetString(), Decisive(stale)));
        Assert.Contains("may_not_start_shift", stale.GetProperty("measures").EnumerateArray().Select(m => m.GetString()));

        var read = await _screener.GetFromJsonAsync<JsonElement>("/api/v1/staff/staff-20/health-file", Ct);
        Assert.Equal(("王**", 1, 3), (read.GetProperty("nameMasked").GetString(), read.GetProperty("revision").GetInt32(), read.GetProperty("vaccinationDoses").GetInt32()));
        TestPeople.AssertNotIn(TestPeople.IdNumber(20), read.GetRawText(), "the health file as read by a screener");
        using var citizen = _system.Client(CivicHallSystem.Screening, Roles.Citizen);
        var forbidden = await citizen.GetAsync("/api/v1/staff/staff-20/health-file", Ct);
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (forbidden.StatusCode, (await forbidden.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString()));
        Assert.DoesNotContain("王", await forbidden.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var bad = await leader.PutAsJsonAsync("/api/v1/staff/staff-21/health-file", new { hallId = "qingpu", person = new { idNumber = "x", name = "" }, tests = new[] { new { at = At(8, 50).AddDays(1), kind = "pcr", result = "negative" } } }, Ct);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (bad.StatusCode, problem.GetProperty("code").GetString()));
        Assert.Superset(new HashSet<string> { "person.idNumber", "person.name" }, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToHashSet());
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync("/api/v1/staff/staff-21/health-file", Ct)).StatusCode); // refused: no file made
    }

    [Fact]
    public async Task A_reading_taken_before_the_halls_first_policy_is_refused_as_not_configured_and_stored_nowhere()
    {
        // The hall's only policy took effect at 08:50 (set-up); a device uploads a reading it took at 08:00.
        var (status, problem) = await ScreenAsync(new
        {
            hallId = "qingpu",
            personKind = "visitor",
            person = TestPeople.Person(80),
            healthCode = "green",
            testAt = At(8, 0).AddHours(-24),
            testResult = "negative",
            temperatureC = 36.6m,
            mask = true,
            takenAt = At(8, 0),
        });

        Assert.Equal((HttpStatusCode.Conflict, "screening_not_configured"), (status, problem.GetProperty("code").GetString()));
        var (records, events) = await _system.QueryAsync<ScreeningDbContext, (int, int)>(CivicHallSystem.Screening, async db => (
            await db.Screenings.CountAsync(Ct), await db.Set<CivicHall.Messaging.Outbox.OutboxMessage>().CountAsync(Ct)));
        Assert.Equal((0, 0), (records, events));
    }

    [Fact]
    public async Task A_readings_name_address_phone_and_id_number_are_encrypted_at_rest_and_its_events_carry_only_the_person_key()
    {
        await BookAsync(90, "0900");
        var person = new { idNumber = TestPeople.IdNumber(90), name = "欧阳测试", address = "青浦区公园路100号", phone = "13912345678" };
        object Read(string healthCode) => new
        {
            hallId = "qingpu",
            personKind = "visitor",
            person,
            healthCode,
            testAt = At(8, 50).AddHours(-24),
            testResult = "negative",
            temperatureC = 36.6m,
            mask = true,
        };
        var (_, admitted) = await ScreenAsync(Read("green"));   // PersonAdmitted
        var (_, isolated) = await ScreenAsync(Read("red"));     // AbnormalPersonDetected
        var (_, denied) = await ScreenAsync(new { hallId = "qingpu", personKind = "visitor", person, healthCode = "green", testAt = At(8, 50).AddHours(-24), testResult = "negative", temperatureC = 36.6m, mask = false }); // ScreeningDenied
        Assert.Equal(("admit", "isolate", "deny"), (admitted.GetProperty("outcome").GetString(), isolated.GetProperty("outcome").GetString(), denied.GetProperty("outcome").GetString()));

        // The rows as PostgreSQL holds them: none of the four in clear, and each encrypted copy is the real value.
        var rows = await _system.QueryAsync<ScreeningDbContext, List<string>>(CivicHallSystem.Screening, db =>
            db.Database.SqlQuery<string>($"SELECT row_to_json(r)::text AS \"Value\" FROM screening_records r").ToListAsync(Ct));
        Assert.Equal(3, rows.Count);
        foreach (var row in rows)
        {
            TestPeople.AssertNotIn(person.idNumber, row, "a stored reading");
            foreach (var clear in new[] { person.name, person.address, person.phone })
            {
                Assert.False(row.Contains(clear, StringComparison.Ordinal), "a stored reading holds a name, address or phone in clear");
            }
        }

        var protector = _system[CivicHallSystem.Screening].Services.GetRequiredService<CivicHall.ServiceDefaults.PersonalData.PersonalDataProtector>();
        var stored = await _system.QueryAsync<ScreeningDbContext, ScreeningRecord>(CivicHallSystem.Screening, db =>
            db.Screenings.AsNoTracking().SingleAsync(r => r.Id == admitted.GetProperty("screeningId").GetGuid(), Ct));
        TestPeople.AssertSame(person.idNumber, protector.Decrypt(stored.IdNumberEncrypted), "the decrypted ID number");
        Assert.Equal((person.name, person.address, person.phone), (protector.Decrypt(stored.NameEncrypted), protector.Decrypt(stored.AddressEncrypted!), protector.Decrypt(stored.PhoneEncrypted!)));

        // The events: the person key, never the number, the name, the address or the phone.
        var payloads = await _system.QueryAsync<ScreeningDbContext, List<(string Type, string Payload)>>(CivicHallSystem.Screening, async db =>
            (await db.Set<CivicHall.Messaging.Outbox.OutboxMessage>().AsNoTracking().Select(m => new { m.MessageType, m.Payload }).ToListAsync(Ct))
                .Select(m => (m.MessageType[(m.MessageType.LastIndexOf('.') + 1)..], m.Payload)).ToList());
        Assert.Superset(new HashSet<string> { "PersonAdmitted", "AbnormalPersonDetected", "ScreeningDenied" }, payloads.Select(p => p.Type).ToHashSet());
        foreach (var (type, payload) in payloads)
        {
            Assert.StartsWith("pk_", JsonDocument.Parse(payload).RootElement.GetProperty("personKey").GetString(), StringComparison.Ordinal);
            TestPeople.AssertNotIn(person.idNumber, payload, type);
            Assert.False(new[] { person.name, person.address, person.phone }.Any(clear => payload.Contains(clear, StringComparison.Ordinal)), $"{type} holds a name, address or phone");
        }
    }

    [Fact]
    public async Task Records_past_their_retention_are_purged_unless_an_incident_holds_them()
    {
        var (_, kept) = await ScreenAsync(Reading(30));
        var (_, held) = await ScreenAsync(Reading(31));
        var heldId = held.GetProperty("screeningId").GetGuid();
        await _system.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db =>
            db.Screenings.Where(s => s.Id == heldId).ExecuteUpdateAsync(u => u.SetProperty(s => s.HeldBy, "case-1"), Ct));
        var purger = _system[CivicHallSystem.Screening].Services.GetRequiredService<ScreeningRecordPurger>();

        Task<List<Guid>> LeftAsync() =>
            _system.QueryAsync<ScreeningDbContext, List<Guid>>(CivicHallSystem.Screening, db => db.Screenings.Select(s => s.Id).ToListAsync(Ct));

        // Moving the clock also wakes the hourly purge in the background; either run may do the work.
        _clock.SetUtcNow(At(8, 50).AddDays(27)); // within the default 28 days
        await purger.SweepOnceAsync(Ct);
        Assert.Equal(2, (await LeftAsync()).Count);

        _clock.SetUtcNow(At(8, 50).AddDays(28).AddMinutes(1));
        await purger.SweepOnceAsync(Ct);
        Assert.Equal([heldId], await LeftAsync());
        Assert.NotEqual(heldId, kept.GetProperty("screeningId").GetGuid());
    }

    [Fact]
    public async Task A_case_holds_its_persons_records_until_every_case_holding_them_is_closed_and_its_period_is_over()
    {
        var (_, other) = await ScreenAsync(Reading(40));
        var (_, held) = await ScreenAsync(Reading(41));
        var heldId = held.GetProperty("screeningId").GetGuid();
        var person = await _system.QueryAsync<ScreeningDbContext, string>(CivicHallSystem.Screening, db => db.Screenings.Where(s => s.Id == heldId).Select(s => s.PersonKey).SingleAsync(Ct));
        var purger = _system[CivicHallSystem.Screening].Services.GetRequiredService<ScreeningRecordPurger>();
        var bus = _system[CivicHallSystem.Occupancy].Services.GetRequiredService<MassTransit.IBus>();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        Task<List<Guid>> LeftAsync() =>
            _system.QueryAsync<ScreeningDbContext, List<Guid>>(CivicHallSystem.Screening, db => db.Screenings.Select(s => s.Id).ToListAsync(Ct));
        Task<string?> HeldByAsync() =>
            _system.QueryAsync<ScreeningDbContext, string?>(CivicHallSystem.Screening, db => db.Screenings.Where(s => s.Id == heldId).Select(s => s.HeldBy).SingleAsync(Ct));
        Task<int> HoldsAsync(Guid incident) => _system.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db =>
            db.Set<RecordHold>().CountAsync(h => h.IncidentId == incident && h.ReleasedAt != null, Ct));
        IncidentOpened Opened(Guid incident) => new(incident, "qingpu", "abnormal_screening", person, "visitor", heldId, null, "system:screening", _clock.GetUtcNow());

        await bus.Publish(Opened(first), Ct);
        await Eventually.UntilAsync(HeldByAsync, by => by == first.ToString(), because: "screening should hold the case's person's record");
        await bus.Publish(Opened(second), Ct); // a second case of the same person: the record keeps the first's hold, both are recorded
        await Eventually.UntilAsync(
            () => _system.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db => db.Set<RecordHold>().CountAsync(h => h.PersonKey == person, Ct)),
            n => n == 2,
            because: "screening should record the second case's hold");

        _clock.SetUtcNow(At(8, 50).AddDays(28).AddMinutes(1)); // past the default 28 days
        await purger.SweepOnceAsync(Ct);
        Assert.Equal([heldId], await LeftAsync());
        Assert.NotEqual(heldId, other.GetProperty("screeningId").GetGuid());

        // The first case closes: the second still holds the record.
        await bus.Publish(new IncidentClosed(first, "qingpu", "abnormal_screening", "released", person, _clock.GetUtcNow().AddDays(7), _clock.GetUtcNow()), Ct);
        await Eventually.UntilAsync(() => HoldsAsync(first), n => n == 1, because: "the first case's hold should be released");
        Assert.Equal(second.ToString(), await HeldByAsync());

        // The second closes: kept until the later of the two periods, then purged.
        await bus.Publish(new IncidentClosed(second, "qingpu", "abnormal_screening", "released", person, _clock.GetUtcNow().AddDays(3), _clock.GetUtcNow()), Ct);
        await Eventually.UntilAsync(HeldByAsync, by => by is null, because: "the last case's close should release the record");
        _clock.Advance(TimeSpan.FromDays(6));
        await purger.SweepOnceAsync(Ct);
        Assert.Equal([heldId], await LeftAsync());
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await purger.SweepOnceAsync(Ct);
        Assert.Empty(await LeftAsync());
    }

    [Fact]
    public async Task A_courier_failing_the_check_takes_an_antigen_test_on_the_spot_and_its_outcome_is_recorded()
    {
        static object Courier(DateTimeOffset? antigenAt = null, Guid? retestOf = null) => new
        {
            hallId = "qingpu",
            personKind = "courier",
            person = TestPeople.Person(40),
            healthCode = "green",
            testAt = At(8, 50).AddHours(-60),
            testResult = "negative",
            temperatureC = 36.5m,
            mask = true,
            lane = "courier-point",
            antigenAt,
            antigenResult = antigenAt is null ? null : "negative",
            retestOf,
        };

        var (_, first) = await ScreenAsync(Courier());
        Assert.Equal(("retest", "test.expired"), (first.GetProperty("outcome").GetString(), Decisive(first)));
        Assert.Contains("antigen_on_the_spot", first.GetProperty("measures").EnumerateArray().Select(m => m.GetString()));

        var firstId = first.GetProperty("screeningId").GetGuid();
        var (_, second) = await ScreenAsync(Courier(antigenAt: At(8, 45), retestOf: firstId));
        Assert.Equal("admit", second.GetProperty("outcome").GetString());
        var stored = await _system.QueryAsync<ScreeningDbContext, (string?, Guid?)>(CivicHallSystem.Screening, async db =>
        {
            var record = await db.Screenings.SingleAsync(r => r.Id == second.GetProperty("screeningId").GetGuid(), Ct);
            return (record.AntigenResult, record.RetestOf);
        });
        Assert.Equal(("negative", (Guid?)firstId), stored);
    }

    [Fact]
    public async Task A_reading_sent_again_by_its_device_gets_the_same_decision_and_is_stored_and_announced_once()
    {
        await BookAsync(50, "0900");
        var readingId = Guid.NewGuid();
        object Sent(int person) => new
        {
            readingId,
            hallId = "qingpu",
            personKind = "visitor",
            person = TestPeople.Person(person),
            healthCode = "green",
            testAt = At(8, 50).AddHours(-24),
            testResult = "negative",
            temperatureC = 36.6m,
            mask = true,
        };

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _screener.PostAsJsonAsync("/api/v1/screenings", Sent(50), Ct)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a =>
        {
            Assert.Equal(HttpStatusCode.OK, a.StatusCode);
            Assert.Equal("true", a.Headers.GetValues("Idempotent-Replayed").Single());
        });
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        Assert.All(bodies, b => Assert.Equal((readingId, "admit"), (b.GetProperty("screeningId").GetGuid(), b.GetProperty("outcome").GetString())));
        var (records, announced) = await _system.QueryAsync<ScreeningDbContext, (int, int)>(CivicHallSystem.Screening, async db => (
            await db.Screenings.CountAsync(Ct),
            await db.Set<CivicHall.Messaging.Outbox.OutboxMessage>().CountAsync(m => m.MessageType.EndsWith("PersonAdmitted"), Ct)));
        Assert.Equal((1, 1), (records, announced));

        var reused = await _screener.PostAsJsonAsync("/api/v1/screenings", Sent(51), Ct);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal("reading_id_reused", (await reused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_traced_contacts_records_are_held_while_any_case_tracing_them_is_open_and_after_its_close_until_its_date()
    {
        var ids = new List<Guid>();
        foreach (var person in new[] { 60, 61, 62, 63 })
        {
            ids.Add((await ScreenAsync(Reading(person))).Body.GetProperty("screeningId").GetGuid());
        }

        var keys = await _system.QueryAsync<ScreeningDbContext, Dictionary<Guid, string>>(CivicHallSystem.Screening, db =>
            db.Screenings.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.PersonKey, Ct));
        var (untraced, contact, shared, late) = (ids[0], ids[1], ids[2], ids[3]);
        var (first, second, closedFirst) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var start = _clock.GetUtcNow();
        var purger = _system[CivicHallSystem.Screening].Services.GetRequiredService<ScreeningRecordPurger>();
        var bus = _system[CivicHallSystem.Occupancy].Services.GetRequiredService<MassTransit.IBus>();
        ContactsTraced Traced(Guid incident, params Guid[] records) =>
            new(incident, Guid.NewGuid(), "qingpu", [.. records.Select(r => keys[r])], start.AddDays(-1), start, _clock.GetUtcNow());
        Task<List<Guid>> LeftAsync() => _system.QueryAsync<ScreeningDbContext, List<Guid>>(CivicHallSystem.Screening, db =>
            db.Screenings.Where(s => ids.Contains(s.Id)).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(Ct));
        Task<string?> HeldByAsync(Guid record) =>
            _system.QueryAsync<ScreeningDbContext, string?>(CivicHallSystem.Screening, db => db.Screenings.Where(s => s.Id == record).Select(s => s.HeldBy).SingleAsync(Ct));
        Task<int> HoldsAsync(Guid incident) =>
            _system.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db => db.Set<RecordHold>().CountAsync(h => h.IncidentId == incident, Ct));
        static List<Guid> Sorted(params Guid[] records) => [.. records.Order()];

        // A list that arrives after its case closed keeps its people's records until the close's date, not for ever.
        await bus.Publish(new IncidentClosed(closedFirst, "qingpu", "confirmed_case", "released", null, start.AddDays(35), _clock.GetUtcNow()), Ct);
        await Eventually.UntilAsync(
            () => _system.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db => db.Set<RecordHoldClosure>().CountAsync(c => c.IncidentId == closedFirst, Ct)),
            n => n == 1,
            because: "screening should record the close");
        await bus.Publish(Traced(closedFirst, late), Ct);
        await Eventually.UntilAsync(() => HoldsAsync(closedFirst), n => n == 1, because: "the late list should be recorded, released");
        Assert.Null(await HeldByAsync(late));

        // Two open cases trace one person; the first also another; the first's list is delivered again.
        var list = Traced(first, contact, shared);
        await bus.Publish(list, Ct);
        await Eventually.UntilAsync(() => HeldByAsync(shared), by => by == first.ToString(), because: "screening should hold the traced contacts' records");
        await bus.Publish(Traced(second, shared), Ct);
        await Eventually.UntilAsync(() => HoldsAsync(second), n => n == 1, because: "screening should record the second case's hold");
        var again = Guid.NewGuid();
        await Occupancy.FloorSetup.PublishAsync(_system, list, again); // through the same broker, with a message id of its own
        await Eventually.UntilAsync(
            () => _system.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db => db.Set<CivicHall.Messaging.Inbox.InboxMessage>().CountAsync(m => m.MessageId == again, Ct)),
            n => n == 1,
            because: "screening should take the list delivered again");
        Assert.Equal(2, await HoldsAsync(first));
        Assert.Equal((first.ToString(), first.ToString()), (await HeldByAsync(contact), await HeldByAsync(shared)));

        _clock.SetUtcNow(start.AddDays(28).AddMinutes(1)); // past the default 28 days
        await purger.SweepOnceAsync(Ct);
        Assert.Equal(Sorted(contact, shared, late), await LeftAsync());

        // The first case closes: its contact is kept for its period; the shared one stays held by the second case.
        await bus.Publish(new IncidentClosed(first, "qingpu", "confirmed_case", "released", null, start.AddDays(36), _clock.GetUtcNow()), Ct);
        await Eventually.UntilAsync(() => HeldByAsync(contact), by => by is null, because: "the first case's close should release its contacts");
        Assert.Equal(second.ToString(), await HeldByAsync(shared));

        _clock.SetUtcNow(start.AddDays(35).AddMinutes(1)); // past the late list's date
        await purger.SweepOnceAsync(Ct);
        Assert.Equal(Sorted(contact, shared), await LeftAsync());

        _clock.SetUtcNow(start.AddDays(36).AddMinutes(1)); // past the first case's date
        await purger.SweepOnceAsync(Ct);
        Assert.Equal([shared], await LeftAsync());

        await bus.Publish(new IncidentClosed(second, "qingpu", "confirmed_case", "released", null, _clock.GetUtcNow().AddDays(1), _clock.GetUtcNow()), Ct);
        await Eventually.UntilAsync(() => HeldByAsync(shared), by => by is null, because: "the second case's close should release the shared contact");
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await purger.SweepOnceAsync(Ct);
        Assert.Empty(await LeftAsync());
        Assert.DoesNotContain(untraced, await LeftAsync());
    }

    [Fact]
    public async Task A_version_put_now_decides_the_next_reading_though_the_hall_is_held_in_memory()
    {
        await BookAsync(60, "0900");
        var (_, before) = await ScreenAsync(Reading(60, testHoursAgo: 30)); // loads the hall and its versions; the clock stands still
        Assert.Equal(("admit", 1), (before.GetProperty("outcome").GetString(), before.GetProperty("policyVersion").GetInt32()));

        using var ops = _system.Client(CivicHallSystem.Screening, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/screening-policy", new { kinds = new[] { new { kind = "visitor", testValidityHours = 24 } } }, Ct)).EnsureSuccessStatusCode();

        var (_, after) = await ScreenAsync(Reading(60, testHoursAgo: 30));
        Assert.Equal(("deny", "test.expired", 2), (after.GetProperty("outcome").GetString(), Decisive(after), after.GetProperty("policyVersion").GetInt32()));
    }
}
