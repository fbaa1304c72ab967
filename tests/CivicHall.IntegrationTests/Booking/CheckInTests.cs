using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CivicHall.Booking.Bookings;
using CivicHall.Booking.Data;
using CivicHall.IntegrationTests.Infrastructure;
using CivicHall.Messaging.Outbox;
using CivicHall.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>Check-in (取号) and the door, on a booking service whose clock the test moves.</summary>
public sealed class CheckInTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly DateOnly Day = BookingSetup.NextWeekday();
    private readonly FakeTimeProvider _clock = new(At(8, 0));
    private CivicHallSystem _system = null!;
    private string _slotId = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A local time in Shanghai on the test day, as the UTC instant a clock reports.</summary>
    private static DateTimeOffset At(int hour, int minute) =>
        new DateTimeOffset(Day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8)).ToUniversalTime();

    public async ValueTask InitializeAsync()
    {
        _system = await CivicHallSystem.StartAsync(infrastructure, bookingClock: _clock);
        await BookingSetup.AddHallAsync(_system, "qingpu");
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        // 1 window × 30 ÷ 10 = 3 places a slot, one of them kept for special groups at the door.
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 1m, windows: 1, walkInReserveShare: 0.34m), Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
        var slots = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/halls/qingpu/slots?date={Day:yyyy-MM-dd}", Ct);
        _slotId = slots.GetProperty("slots")[0].GetProperty("slotId").GetString()!;
        Assert.EndsWith("-0900-social", _slotId, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, object? body = null, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> BookAsync(HttpClient client, int person, string channel = "app", string? specialGroup = null, int bornYear = 1970) =>
        PostAsync(client, "/api/v1/bookings", new { hallId = "qingpu", itemId = "pension", slotId = _slotId, channel, specialGroup, person = TestPeople.Person(person, bornYear) });

    [Fact]
    public async Task Check_in_opens_before_the_slot_hands_out_tickets_in_order_once_each_and_closes_after_the_late_margin()
    {
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        using var staff = _system.Client(CivicHallSystem.Booking, Roles.WindowStaff);
        var a = (await BookAsync(citizen, 1)).Body.GetProperty("bookingId").GetGuid();
        var b = (await BookAsync(citizen, 2)).Body.GetProperty("bookingId").GetGuid();
        var c = (await BookAsync(staff, 3, channel: "on_site", specialGroup: "elderly", bornYear: 1950)).Body.GetProperty("bookingId").GetGuid();

        var early = await PostAsync(staff, $"/api/v1/bookings/{a}/check-in");
        Assert.Equal(((HttpStatusCode)422, "check_in_too_early"), (early.Status, early.Body.GetProperty("code").GetString()));

        _clock.SetUtcNow(At(8, 45)); // check-in opens 30 min before 09:00
        var first = await PostAsync(citizen, $"/api/v1/bookings/{b}/check-in");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(("checked_in", 1), (first.Body.GetProperty("status").GetString(), first.Body.GetProperty("ticketNumber").GetInt32()));
        Assert.Equal(2, (await PostAsync(staff, $"/api/v1/bookings/{a}/check-in")).Body.GetProperty("ticketNumber").GetInt32());
        Assert.Equal(1, (await PostAsync(staff, $"/api/v1/bookings/{b}/check-in")).Body.GetProperty("ticketNumber").GetInt32()); // again: same ticket

        _clock.SetUtcNow(At(9, 16)); // 15 min late margin has passed
        var late = await PostAsync(staff, $"/api/v1/bookings/{c}/check-in");
        Assert.Equal(((HttpStatusCode)422, "check_in_too_late"), (late.Status, late.Body.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_late_arrival_is_marked_and_a_booking_not_checked_in_when_the_window_closes_becomes_a_no_show()
    {
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        var late = (await BookAsync(citizen, 31)).Body.GetProperty("bookingId").GetGuid();
        var absent = (await BookAsync(citizen, 32)).Body.GetProperty("bookingId").GetGuid();
        var sweeper = _system[CivicHallSystem.Booking].Services.GetRequiredService<NoShowSweeper>();

        _clock.SetUtcNow(At(9, 10));
        var checkedIn = await PostAsync(citizen, $"/api/v1/bookings/{late}/check-in");
        Assert.True(checkedIn.Body.GetProperty("arrivedLate").GetBoolean());
        await sweeper.SweepAsync(Ct); // the window is still open for the other one
        Assert.Equal("confirmed", (await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{absent}", Ct)).GetProperty("status").GetString());

        // Moving the clock also ticks the job's own timer; sweeping again is harmless either way.
        _clock.SetUtcNow(At(9, 16));
        await sweeper.SweepAsync(Ct);
        await Eventually.UntilAsync( // the job's own run may still be committing the rows it claimed
            async () => (await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{absent}", Ct)).GetProperty("status").GetString(),
            status => status == "no_show");
        Assert.Equal("checked_in", (await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{late}", Ct)).GetProperty("status").GetString());
        Assert.Equal(0, await sweeper.SweepAsync(Ct));
        var tooLate = await PostAsync(citizen, $"/api/v1/bookings/{absent}/check-in");
        Assert.Equal(((HttpStatusCode)422, "check_in_too_late"), (tooLate.Status, tooLate.Body.GetProperty("code").GetString()));

        var (active, events) = await _system.QueryAsync<BookingDbContext, (int, int)>(CivicHallSystem.Booking, async db => (
            await db.PersonActiveBookings.SumAsync(p => p.Active, Ct),
            await db.Set<OutboxMessage>().CountAsync(m => m.MessageType.EndsWith("BookingNoShow"), Ct)));
        Assert.Equal((1, 1), (active, events)); // only the checked-in booking still counts
    }

    [Fact]
    public async Task The_place_kept_for_the_door_goes_to_a_special_group_and_not_to_an_app_booking()
    {
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        using var staff = _system.Client(CivicHallSystem.Booking, Roles.WindowStaff);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(citizen, 11)).Status);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(citizen, 12)).Status);
        var third = await BookAsync(citizen, 13);
        Assert.Equal((HttpStatusCode.Conflict, "slot_full"), (third.Status, third.Body.GetProperty("code").GetString()));

        var young = await BookAsync(staff, 14, channel: "on_site", specialGroup: "elderly", bornYear: 1990);
        Assert.Equal(HttpStatusCode.BadRequest, young.Status); // the elderly group starts at 60

        var elderly = await BookAsync(staff, 15, channel: "on_site", specialGroup: "elderly", bornYear: 1950);
        Assert.Equal(HttpStatusCode.Created, elderly.Status);
        Assert.Equal(("special_group", "elderly"), (elderly.Body.GetProperty("kind").GetString(), elderly.Body.GetProperty("specialGroup").GetString()));
    }
}
