using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CivicHall.Benchmarks.Occupancy;

/// <summary>The HTTP clients of the load generator and the fresh halls each phase runs on, set up through the public API.</summary>
internal static class HallSetup
{
    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static HttpClient Client(Uri baseAddress, string token, int connections)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var client = new HttpClient(handler)
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(10),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Fresh halls bench-RUN-occ-PHASE-NN through the public API, one service floor holding about <c>--capacity</c>;
    /// waits until occupancy has planned them.
    /// </summary>
    public static async Task<List<HallFlow>> CreateHallsAsync(HttpClient gateway, BenchOptions options, string phase, int count)
    {
        // 15 people per 100 m² (the default policy): the floor's area for the capacity asked for.
        var area = Math.Ceiling(options.Capacity * 100m / 15m * 100m) / 100m;
        var ids = Enumerable.Range(1, count).Select(i => $"bench-{options.RunId}-occ-{phase}-{i:D2}").ToList();
        using var limit = new SemaphoreSlim(4);
        await Task.WhenAll(ids.Select(async id =>
        {
            await limit.WaitAsync();
            try
            {
                var body = new
                {
                    name = "压测大厅",
                    district = "青浦区",
                    timeZone = "Asia/Shanghai",
                    openingHours = Days.Select(day => new { day, opens = "08:00", closes = "18:00" }).ToArray(),
                    overrides = Array.Empty<object>(),
                    zones = new[] { new { zoneId = "floor-1", kind = "service_floor", name = "服务区", areaM2 = area } },
                };
                using var response = await gateway.PutAsJsonAsync(new Uri($"api/v1/halls/{id}", UriKind.Relative), body);
                if (!response.IsSuccessStatusCode)
                {
                    var answer = await response.Content.ReadAsStringAsync();
                    throw new InvalidOperationException($"PUT hall {id} answered {(int)response.StatusCode}: {answer}");
                }
            }
            finally
            {
                limit.Release();
            }
        }));

        var halls = new List<HallFlow>();
        foreach (var (id, index) in ids.Select((id, i) => (id, i)))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                using var response = await gateway.GetAsync(new Uri($"api/v1/halls/{id}/occupancy", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    using var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    var capacity = view.RootElement.GetProperty("capacity").GetInt32();
                    if (capacity > 0)
                    {
                        halls.Add(new HallFlow(id, $"{options.RunId}{phase[0]}{index:D2}", capacity, options.QueueTarget));
                        break;
                    }
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Occupancy did not plan hall {id} within 60 s.");
                }

                await Task.Delay(100);
            }
        }

        return halls;
    }
}
