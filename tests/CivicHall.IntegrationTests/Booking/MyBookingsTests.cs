using CivicHall.Booking.Bookings;

namespace CivicHall.IntegrationTests.Booking;

/// <summary><c>GET /api/v1/bookings</c>: each caller lists their own bookings, newest slot first, paged and filtered.</summary>
public sealed class MyBookingsTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private const string Hall = "mybookings";
    private static readonly DateOnly Day = BookingSetup.NextWeekday();
    private CivicHallSystem _system = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _system = await BookingSetup.StartWithHallAsync(infrastructure, Hall);
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        (await ops.PutAsJsonAsync($"/api/v1/halls/{Hall}/booking-policy", BookingSetup.Policy(phaseShare: 1m, maxActive: 10), Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync($"/api/v1/halls/{Hall}/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system);

    private HttpClient As(string role, string subject)
    {
        var client = _system.Client(CivicHallSystem.Booking);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create([role], subject, TimeProvider.System));
        return client;
    }

    private static async Task<Guid> BookAsync(HttpClient client, int person, string time, string channel = "app")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new { hallId = Hall, itemId = "pension", slotId = $"{Day:yyyyMMdd}-{time}-social", channel, person = TestPeople.Person(person) }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetGuid();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ListAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync($"/api/v1/bookings{query}", Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    private static List<Guid> Ids(JsonElement list) => [.. list.GetProperty("bookings").EnumerateArray().Select(b => b.GetProperty("bookingId").GetGuid())];

    [Fact]
    public async Task Each_citizen_lists_only_their_own_bookings_newest_first_in_pages_and_by_status()
    {
        using var zhang = As(Roles.Citizen, "my-zhang");
        using var li = As(Roles.Citizen, "my-li");
        using var wang = As(Roles.Citizen, "my-wang");
        string[] times = ["0900", "1400", "1000", "1130", "1600"];
        var zhangs = new List<Guid>();
        for (var i = 0; i < times.Length; i++)
        {
            zhangs.Add(await BookAsync(zhang, 100 + i, times[i]));
        }

        var lis = new List<Guid> { await BookAsync(li, 200, "0930"), await BookAsync(li, 201, "1500") };

        // Newest slot first: 16:00, 14:00, 11:30, 10:00, 09:00.
        var expected = new[] { zhangs[4], zhangs[1], zhangs[3], zhangs[2], zhangs[0] };
        var all = await ListAsync(zhang);
        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Equal(expected, Ids(all.Body));
        var first = all.Body.GetProperty("bookings")[0];
        Assert.Equal((Hall, "pension", "confirmed"), (first.GetProperty("hallId").GetString(), first.GetProperty("itemId").GetString(), first.GetProperty("status").GetString()));
        Assert.Equal(TimeSpan.Zero, first.GetProperty("startsAt").GetDateTimeOffset().Offset);
        Assert.DoesNotContain(TestPeople.IdNumber(104), all.Body.GetRawText(), StringComparison.Ordinal); // masked
        Assert.Equal([lis[1], lis[0]], Ids((await ListAsync(li)).Body));
        Assert.Empty(Ids((await ListAsync(wang)).Body));

        // Pages of two: every booking once, in order.
        var paged = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ListAsync(zhang, "?limit=2" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            paged.AddRange(Ids(page.Body));
            cursor = page.Body.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);
        Assert.Equal(expected, paged);
        Assert.Equal(3, pages);

        // By status: one cancelled.
        (await zhang.PostAsync($"/api/v1/bookings/{zhangs[1]}/cancel", null, Ct)).EnsureSuccessStatusCode();
        Assert.Equal([zhangs[1]], Ids((await ListAsync(zhang, "?status=cancelled")).Body));
        Assert.Equal([zhangs[4], zhangs[3], zhangs[2], zhangs[0]], Ids((await ListAsync(zhang, "?status=confirmed")).Body));
        Assert.Equal(expected, Ids((await ListAsync(zhang, "?status=confirmed,cancelled")).Body));
        Assert.Equal(expected, Ids((await ListAsync(zhang, "?status=confirmed&status=cancelled")).Body));
        Assert.Empty(Ids((await ListAsync(zhang, $"?hallId=elsewhere")).Body));
        Assert.Equal(5, Ids((await ListAsync(zhang, $"?hallId={Hall}&from={Day:yyyy-MM-dd}&to={Day:yyyy-MM-dd}")).Body).Count);
        Assert.Empty(Ids((await ListAsync(zhang, $"?from={Day.AddDays(1):yyyy-MM-dd}")).Body));

        var bad = await ListAsync(zhang, "?status=confirmed,lost");
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (bad.Status, bad.Body.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await ListAsync(zhang, "?cursor=not-a-cursor")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await ListAsync(zhang, "?limit=0")).Status);
    }

    [Fact]
    public async Task The_portal_acting_for_a_citizen_lists_that_citizens_bookings_and_staff_are_refused()
    {
        using var citizen = As(Roles.Citizen, "my-zhao");
        using var portal = As(Roles.Portal, "my-zhao");
        var byApp = await BookAsync(citizen, 300, "1030");
        var byPortal = await BookAsync(portal, 301, "1230", channel: "portal");

        Assert.Equal([byPortal, byApp], Ids((await ListAsync(portal)).Body));
        Assert.Equal([byPortal, byApp], Ids((await ListAsync(citizen)).Body));
        foreach (var role in new[] { Roles.Ops, Roles.WindowStaff, Roles.DutyLeader, Roles.Screener })
        {
            using var staff = As(role, "my-zhao");
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/v1/bookings", Ct)).StatusCode);
        }
    }
}
