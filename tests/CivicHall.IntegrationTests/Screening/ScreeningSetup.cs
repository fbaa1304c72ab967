using CivicHall.HallDirectory;
using CivicHall.IntegrationTests.Halls;
using CivicHall.Screening.Data;

namespace CivicHall.IntegrationTests.Screening;

/// <summary>What screening tests need before they screen: the hall, as screening learns it from occupancy's event.</summary>
public static class ScreeningSetup
{
    /// <summary>A system of the test's own with the Qingpu hall (as <c>qingpu</c>), once screening knows it.</summary>
    public static async Task<CivicHallSystem> StartWithHallAsync(TestInfrastructure infrastructure)
    {
        var system = await CivicHallSystem.StartAsync(infrastructure);
        try
        {
            using var ops = system.Client(CivicHallSystem.Occupancy, Roles.Ops);
            (await ops.PutAsJsonAsync("/api/v1/halls/qingpu", HallRequests.Qingpu(), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
            await WaitUntilKnownAsync(system, "qingpu");
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until screening's hall directory holds <paramref name="hallId"/> (from <c>HallConfigured</c>).</summary>
    public static Task WaitUntilKnownAsync(CivicHallSystem system, string hallId) =>
        Eventually.UntilAsync(
            () => system.QueryAsync<ScreeningDbContext, bool>(CivicHallSystem.Screening, db => db.Set<KnownHall>().AnyAsync(h => h.HallId == hallId)),
            known => known,
            because: "screening should learn of the hall");
}
