using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CivicHall.Booking.Data;
using CivicHall.IntegrationTests.Infrastructure;
using CivicHall.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>DESIGN §6: staff at the counter may read a booked person in clear, and every such read is recorded.</summary>
public sealed class PersonalDataReadTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private CivicHallSystem _system = null!;

    public async ValueTask InitializeAsync()
    {
        _system = await CivicHallSystem.StartAsync(infrastructure);
        await BookingSetup.AddHallAsync(_system, "qingpu");
    }

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
                person = TestPeople.Person(3),
            }),
        };
        request.Headers.Add("Idempotency-Key", "k");
        var created = await citizen.SendAsync(request, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetGuid();

        using var staff = _system.Client(CivicHallSystem.Booking, Roles.WindowStaff);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync($"/api/v1/bookings/{id}/person", Ct)).StatusCode);
        var read = await staff.GetAsync($"/api/v1/bookings/{id}/person?reason=核验身份办理养老金", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("no-store", read.Headers.CacheControl?.ToString());
        var person = await read.Content.ReadFromJsonAsync<JsonElement>(Ct);
        TestPeople.AssertSame(TestPeople.IdNumber(3), person.GetProperty("idNumber").GetString(), "the number read in clear");

        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync($"/api/v1/bookings/{id}/person?reason=just+curious", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.GetAsync($"/api/v1/bookings/{id}/person?reason=just+curious", Ct)).StatusCode);

        var audit = await _system.QueryAsync<BookingDbContext, List<(string By, string Roles, string Reason)>>(CivicHallSystem.Booking, async db =>
            (await db.PersonalDataReads.Where(r => r.BookingId == id).ToListAsync(Ct)).Select(r => (r.ReadBy, r.Roles, r.Reason)).ToList());
        Assert.Equal(("test-window_staff", "window_staff", "核验身份办理养老金"), Assert.Single(audit));
    }
}
