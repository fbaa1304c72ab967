using CivicHall.Booking.Data;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>DESIGN §6: staff at the counter may read a booked person in clear, and every such read is recorded.</summary>
public sealed class PersonalDataReadTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private CivicHallSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await BookingSetup.StartWithHallAsync(infrastructure, "qingpu");

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Window_staff_read_the_person_in_clear_with_a_reason_and_the_read_is_recorded_others_may_not()
    {
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(), Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new
            {
                hallId = "qingpu",
                itemId = "pension",
                slotId = $"{BookingSetup.NextWeekday():yyyyMMdd}-0900-social",
                channel = "app",
                person = new { idNumber = TestPeople.IdNumber(3), name = "欧阳测试", phone = "13912345678" },
            }),
        };
        request.Headers.Add("Idempotency-Key", "k");
        var created = await citizen.SendAsync(request, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetGuid();

        // At rest the ID number, the name and the phone are encrypted: the row as PostgreSQL holds it has none in clear.
        var row = await _system.QueryAsync<BookingDbContext, string>(CivicHallSystem.Booking, db =>
            db.Database.SqlQuery<string>($"SELECT row_to_json(b)::text AS \"Value\" FROM bookings b WHERE b.id = {id}").SingleAsync(Ct));
        TestPeople.AssertNotIn(TestPeople.IdNumber(3), row, "the stored booking");
        Assert.False(row.Contains("欧阳测试", StringComparison.Ordinal) || row.Contains("13912345678", StringComparison.Ordinal), "the stored booking holds the name or phone in clear");

        using var staff = _system.Client(CivicHallSystem.Booking, Roles.WindowStaff);
        var noReason = await staff.GetAsync($"/api/v1/bookings/{id}/person", Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (noReason.StatusCode, (await noReason.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString()));
        Assert.Empty(await _system.QueryAsync<BookingDbContext, List<Guid>>(CivicHallSystem.Booking, db => db.PersonalDataReads.Select(r => r.BookingId).ToListAsync(Ct))); // refused: no read recorded
        var read = await staff.GetAsync($"/api/v1/bookings/{id}/person?reason=核验身份办理养老金", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("no-store", read.Headers.CacheControl?.ToString());
        var person = await read.Content.ReadFromJsonAsync<JsonElement>(Ct);
        TestPeople.AssertSame(TestPeople.IdNumber(3), person.GetProperty("idNumber").GetString(), "the number read in clear");
        Assert.Equal(("欧阳测试", "13912345678"), (person.GetProperty("name").GetString(), person.GetProperty("phone").GetString())); // the encrypted copies are the real values

        foreach (var refused in new[] { citizen, ops })
        {
            var answer = await refused.GetAsync($"/api/v1/bookings/{id}/person?reason=just+curious", Ct);
            Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (answer.StatusCode, (await answer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString()));
        }

        var audit = await _system.QueryAsync<BookingDbContext, List<(string By, string Roles, string Reason)>>(CivicHallSystem.Booking, async db =>
            (await db.PersonalDataReads.Where(r => r.BookingId == id).ToListAsync(Ct)).Select(r => (r.ReadBy, r.Roles, r.Reason)).ToList());
        Assert.Equal(("test-window_staff", "window_staff", "核验身份办理养老金"), Assert.Single(audit));
    }
}
