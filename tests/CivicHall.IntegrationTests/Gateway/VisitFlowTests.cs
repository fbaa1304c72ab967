using CivicHall.IntegrationTests.Booking;
using CivicHall.Screening.Data;
using CivicHall.Screening.Visits;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Gateway;

/// <summary>
/// A visit end to end, every call through the gateway: book → check in → screen (admit) → let in or
/// queued at the door → exit → the next one let in. The hall's floor holds one person.
/// </summary>
public sealed class VisitFlowTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly DateOnly Day = BookingSetup.NextWeekday();
    private readonly FakeTimeProvider _clock = new(At(8, 50));
    private CivicHallSystem _system = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset At(int hour, int minute) =>
        new DateTimeOffset(Day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8)).ToUniversalTime();

    public async ValueTask InitializeAsync() =>
        _system = await CivicHallSystem.StartAsync(infrastructure, withGateway: true, bookingClock: _clock, screeningClock: _clock, occupancyClock: _clock);

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system);

    private HttpClient Through(params string[] roles) => _system.Client(CivicHallSystem.Gateway, roles);

    [Fact]
    public async Task Booked_checked_in_screened_let_in_or_queued_and_the_next_let_in_when_one_leaves()
    {
        await HallOfOne.SetUpAsync(_system, "small", "小厅", new { });

        using var citizen = Through(Roles.Citizen);
        using var screener = Through(Roles.Screener);
        var screenings = new List<JsonElement>();
        foreach (var person in new[] { 1, 2 })
        {
            using var book = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
            {
                Content = JsonContent.Create(new { hallId = "small", itemId = "pension", slotId = $"{Day:yyyyMMdd}-0900-social", channel = "app", person = TestPeople.Person(person) }),
            };
            book.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var booked = await citizen.SendAsync(book, Ct);
            Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
            var bookingId = (await booked.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetString();
            (await citizen.PostAsync($"/api/v1/bookings/{bookingId}/check-in", null, Ct)).EnsureSuccessStatusCode();
            await Eventually.UntilAsync(
                () => _system.QueryAsync<ScreeningDbContext, bool>(CivicHallSystem.Screening, db => db.VisitorBookings.AnyAsync(b => b.BookingId == Guid.Parse(bookingId!) && b.Active)),
                known => known, because: "screening should learn of the booking");

            var screened = await screener.PostAsJsonAsync("/api/v1/screenings", new
            {
                hallId = "small",
                personKind = "visitor",
                person = TestPeople.Person(person),
                healthCode = "green",
                testAt = At(8, 50).AddHours(-24),
                testResult = "negative",
                temperatureC = 36.5m,
                mask = true,
                lane = "A1",
            }, Ct);
            Assert.Equal(HttpStatusCode.Created, screened.StatusCode);
            screenings.Add(await screened.Content.ReadFromJsonAsync<JsonElement>(Ct));
        }

        Assert.All(screenings, s => Assert.Equal("admit", s.GetProperty("outcome").GetString()));
        var view = await Eventually.UntilAsync(
            () => screener.GetFromJsonAsync<JsonElement>("/api/v1/halls/small/occupancy", Ct),
            v => v.GetProperty("inside").GetInt32() + v.GetProperty("queueLength").GetInt32() == 2, because: "both should reach the door");
        Assert.Equal((1, 1, 1), (view.GetProperty("capacity").GetInt32(), view.GetProperty("inside").GetInt32(), view.GetProperty("queueLength").GetInt32()));
        var queue = await screener.GetFromJsonAsync<JsonElement>("/api/v1/halls/small/queue", Ct);
        var waiting = Assert.Single(queue.GetProperty("entries").EnumerateArray()).GetProperty("admissionId").GetGuid();

        // Whoever went in first leaves through the exit gate, which reads the ID card.
        var first = screenings.Single(s => s.GetProperty("screeningId").GetGuid() != waiting);
        var leaver = screenings.IndexOf(first) + 1;
        var exit = await screener.PostAsJsonAsync("/api/v1/halls/small/exits", new { idNumber = TestPeople.IdNumber(leaver), gate = "east" }, Ct);
        Assert.Equal(HttpStatusCode.OK, exit.StatusCode);
        var exited = await exit.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((first.GetProperty("screeningId").GetGuid(), 1, 1, 0),
            (exited.GetProperty("admissionId").GetGuid(), exited.GetProperty("letIn").GetInt32(), exited.GetProperty("inside").GetInt32(), exited.GetProperty("queueLength").GetInt32()));
        Assert.Empty((await screener.GetFromJsonAsync<JsonElement>("/api/v1/halls/small/queue", Ct)).GetProperty("entries").EnumerateArray());

        var again = await screener.PostAsJsonAsync("/api/v1/halls/small/exits", new { idNumber = TestPeople.IdNumber(leaver) }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }
}
