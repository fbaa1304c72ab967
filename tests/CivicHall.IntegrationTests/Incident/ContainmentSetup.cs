using CivicHall.Contracts.Screening.V1;
using CivicHall.HallDirectory;
using CivicHall.Incident.Data;
using CivicHall.IntegrationTests.Halls;
using CivicHall.Messaging.Persistence;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Floor;
using CivicHall.Sanitation.Data;
using MassTransit;

namespace CivicHall.IntegrationTests.Incident;

/// <summary>
/// What the containment tests share, on any system (the class fixture's, or one on a broker of its own): a hall known
/// to incident and sanitation, visitors at its door, the containment views and their participants.
/// </summary>
internal static class ContainmentSetup
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A hall with a door queue, one service floor of <paramref name="floorAreaM2"/> (15 a 100 m²) and an isolation zone, once incident and sanitation know it.</summary>
    public static async Task AddHallAsync(CivicHallSystem system, string hallId, decimal floorAreaM2 = 1000m)
    {
        var zones = new List<object>
        {
            new { zoneId = "queue", kind = "entrance_queue", name = "排队区", areaM2 = 150m },
            new { zoneId = "floor-1", kind = "service_floor", name = "一楼服务区", areaM2 = floorAreaM2 },
            new { zoneId = "iso", kind = "isolation", name = "临时隔离区", areaM2 = 20m },
        };
        using var ops = system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}", HallRequests.Weekdays("青浦区行政服务中心", zones), Ct)).EnsureSuccessStatusCode();
        await Eventually.UntilAsync(
            () => system.QueryAsync<IncidentDbContext, bool>(CivicHallSystem.Incident, db => db.Set<KnownHall>().AnyAsync(h => h.HallId == hallId && h.Version > 0, Ct)),
            known => known, because: "incident should learn of the hall");
        await Eventually.UntilAsync(
            () => system.QueryAsync<SanitationDbContext, bool>(CivicHallSystem.Sanitation, db => db.Set<KnownHall>().AnyAsync(h => h.HallId == hallId && h.Version > 0, Ct)),
            known => known, because: "sanitation should learn of the hall");
    }

    /// <summary>Visitors through screening reach the door, as screening announces them; waits until occupancy took each.</summary>
    public static async Task<List<Guid>> AdmitAsync(CivicHallSystem system, string hallId, IEnumerable<int> people)
    {
        var bus = system[CivicHallSystem.Occupancy].Services.GetRequiredService<IBus>();
        var ids = new List<Guid>();
        foreach (var person in people)
        {
            var screeningId = Guid.NewGuid();
            ids.Add(screeningId);
            await bus.Publish(new PersonAdmitted(screeningId, hallId, $"pk_cont{person:D6}", "visitor", null, "A1", 1, DateTimeOffset.UtcNow), Ct);
        }

        await Eventually.UntilAsync(
            () => system.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db => db.Admissions.CountAsync(a => ids.Contains(a.Id), Ct)),
            count => count == ids.Count, because: "occupancy should take every visitor at the door");
        return ids;
    }

    public static Task<HallOccupancy> FloorAsync(CivicHallSystem system, string hallId) =>
        system.QueryAsync<OccupancyDbContext, HallOccupancy>(CivicHallSystem.Occupancy, db => db.HallOccupancies.AsNoTracking().SingleAsync(h => h.HallId == hallId, Ct));

    public static Task<string> ZoneStateAsync(CivicHallSystem system, string hallId, string zoneId) =>
        system.QueryAsync<OccupancyDbContext, string>(CivicHallSystem.Occupancy,
            async db => EnumText.Of((await db.Zones.AsNoTracking().SingleAsync(z => z.HallId == hallId && z.ZoneId == zoneId, Ct)).State));

    public static Task<List<(Guid Id, string State, string? Reason)>> AdmissionsAsync(CivicHallSystem system, IReadOnlyCollection<Guid> ids) =>
        system.QueryAsync<OccupancyDbContext, List<(Guid, string, string?)>>(CivicHallSystem.Occupancy, async db =>
            [.. (await db.Admissions.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(Ct)).Select(a => (a.Id, EnumText.Of(a.State), a.Reason))]);

    public static async Task<(HttpStatusCode Status, string? Code, JsonElement Body, bool Replayed)> SendAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync(Ct);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var c) ? c.GetString() : null;
        var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true";
        return (response.StatusCode, code, body, replayed);
    }

    public static (HttpStatusCode, string?) Pick((HttpStatusCode Status, string? Code, JsonElement Body, bool Replayed) answer) => (answer.Status, answer.Code);

    public static async Task<JsonElement> ViewAsync(HttpClient client, string hallId, Guid containmentId)
    {
        var (status, _, body, _) = await SendAsync(client.GetAsync($"/api/v1/halls/{hallId}/containment/{containmentId}", Ct));
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    public static JsonElement Participant(JsonElement view, string participant) =>
        view.GetProperty("participants").EnumerateArray().Single(p => p.GetProperty("participant").GetString() == participant);

    /// <summary>Reads the action until <paramref name="participants"/> have all acknowledged it.</summary>
    public static Task<JsonElement> UntilAcknowledgedAsync(HttpClient client, string hallId, Guid containmentId, params string[] participants) =>
        Eventually.UntilAsync(
            () => ViewAsync(client, hallId, containmentId),
            view => participants.All(p => Participant(view, p).GetProperty("acknowledged").GetBoolean()),
            TimeSpan.FromSeconds(60),
            $"{string.Join(", ", participants)} should acknowledge containment {containmentId}");
}
