using CivicHall.Booking.Ledgers;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>
/// The bookings ledger (登记台账, issue 22 item 4): a day's bookings of a hall made through the API — two slots, one
/// cancelled, one on the next day and one at another hall — read with filters, paged with small limits, and as CSV.
/// </summary>
public sealed class LedgerBookingTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private const string Hall = "ledger-bkg";
    private const string OtherHall = "ledger-bkg-other";
    private static readonly DateOnly Day = BookingSetup.NextWeekday();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Day.AddDays(-1).ToDateTime(new TimeOnly(8, 50)), TimeSpan.FromHours(8)).ToUniversalTime());
    private readonly List<(Guid Id, string Hall, DateOnly Day, string Status, string IdNumber)> _made = [];
    private CivicHallSystem _system = null!;
    private HttpClient _leader = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _system = await CivicHallSystem.StartAsync(infrastructure, bookingClock: _clock);
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        foreach (var hall in new[] { Hall, OtherHall })
        {
            await BookingSetup.AddHallAsync(_system, hall);
            (await ops.PutAsJsonAsync($"/api/v1/halls/{hall}/booking-policy", BookingSetup.Policy(phaseShare: 1m), Ct)).EnsureSuccessStatusCode();
            (await ops.PutAsJsonAsync($"/api/v1/halls/{hall}/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
        }

        _leader = _system.Client(CivicHallSystem.Booking, Roles.DutyLeader);
        var person = 3000;
        foreach (var (hall, day, time, cancel) in new[]
        {
            (Hall, Day, "1000", false), (Hall, Day, "0900", false), (Hall, Day, "0900", true), (Hall, Day, "1000", false), (Hall, Day, "0900", false),
            (Hall, Day.AddDays(1), "0900", false), (OtherHall, Day, "0900", false),
        })
        {
            using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
            var idNumber = TestPeople.IdNumber(++person);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
            {
                Content = JsonContent.Create(new
                {
                    hallId = hall,
                    itemId = "pension",
                    slotId = $"{day:yyyyMMdd}-{time}-social",
                    channel = "app",
                    person = new { idNumber, name = $"台账{person}", phone = "13800001234" },
                }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await citizen.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetGuid();
            if (cancel)
            {
                (await citizen.PostAsync($"/api/v1/bookings/{id}/cancel", null, Ct)).EnsureSuccessStatusCode();
            }

            _made.Add((id, hall, day, cancel ? "cancelled" : "confirmed", idNumber));
        }
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_leader, _system);

    private async Task<List<Guid>> ReadAllAsync(string query, int limit)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            using var response = await _leader.GetAsync($"/api/v1/halls/{Hall}/ledgers/bookings?{query}&limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync(Ct);
            CsvText.AssertNoClearIdNumber(text, "a bookings ledger page");
            var body = JsonDocument.Parse(text).RootElement;
            ids.AddRange(body.GetProperty("bookings").EnumerateArray().Select(r => r.GetProperty("bookingId").GetGuid()));
            cursor = body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return ids;
    }

    [Fact]
    public async Task The_day_s_bookings_per_filter_in_pages_and_as_csv()
    {
        var day = _made.Where(m => m.Hall == Hall && m.Day == Day).Select(m => m.Id).ToHashSet();
        Assert.Equal(5, day.Count);
        var all = await ReadAllAsync($"date={Day:yyyy-MM-dd}", 200);
        Assert.Equal(day.Order(), all.Order());
        Assert.Equal(all, await ReadAllAsync($"date={Day:yyyy-MM-dd}", 2));
        Assert.Equal([.. _made.Where(m => m.Hall == Hall && m.Day == Day && m.Status == "cancelled").Select(m => m.Id)],
            await ReadAllAsync($"date={Day:yyyy-MM-dd}&status=cancelled", 1));
        Assert.Equal(4, (await ReadAllAsync($"date={Day:yyyy-MM-dd}&status=confirmed&itemId=pension", 3)).Count);
        Assert.Empty(await ReadAllAsync($"date={Day:yyyy-MM-dd}&kind=green_channel", 3));

        using var csv = await _leader.GetAsync($"/api/v1/halls/{Hall}/ledgers/bookings?date={Day:yyyy-MM-dd}&format=csv", Ct);
        var bytes = await csv.Content.ReadAsByteArrayAsync(Ct);
        CsvText.AssertNoClearIdNumber(Encoding.UTF8.GetString(bytes), "the bookings ledger CSV");
        var records = CsvText.Parse(bytes);
        Assert.Equal(BookingLedgerEndpoints.CsvHeader, records[0]);
        Assert.Equal(all, records.Skip(1).Select(r => Guid.Parse(r[0])));

        using var unknown = await _leader.GetAsync($"/api/v1/halls/no-such-hall/ledgers/bookings?date={Day:yyyy-MM-dd}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var bad = await _leader.GetAsync($"/api/v1/halls/{Hall}/ledgers/bookings?date={Day:yyyy-MM-dd}&status=lost&kind=vip&specialGroup=kids", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["kind", "specialGroup", "status"],
            (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
