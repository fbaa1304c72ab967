namespace CivicHall.Benchmarks.Occupancy;

/// <summary>The movement phases (warm-up, halls50, hall1): the floor load on their halls, its CPU and the check afterwards.</summary>
internal static class MovementsPhase
{
    public static async Task<Phase> RunAsync(
        BenchOptions options, Notifications notifications, string name, List<HallFlow> halls, LoadSettings settings)
    {
        var pace = settings.MovementsPerSecond > 0 ? $"{settings.MovementsPerSecond}/s" : "flat out";
        OccupancyBench.Log($"{name}: {halls.Count} hall(s), {pace} for {settings.Duration.TotalSeconds} s after filling them");
        var load = new FloorLoad(halls, settings);
        var cpu = new CpuMeter(options.OccupancyPid, options.GatewayPid, notifications.ProcessId, options.Hz, Database.Of("occupancy"));
        notifications.Target = load;
        await load.RunAsync(cpu.StartAsync);
        var reading = await cpu.StopAsync();
        notifications.Target = null;
        var check = await FloorCheck.RunAsync(halls, load.PublishErrors);
        var label = name switch
        {
            "warmup" => "warm-up (50 halls, flat out; not a result)",
            "halls50" => "50 halls",
            _ => "one hall",
        };
        return new Phase(name, label, load, reading, check, settings.Duration.TotalSeconds, await AdmissionLatenciesAsync(load), null);
    }

    /// <summary>
    /// Published → counted for the admissions published during the measured seconds, joined through the database
    /// (the change's <c>at</c> is the row's <c>arrived_at</c>).
    /// </summary>
    public static async Task<Percentiles> AdmissionLatenciesAsync(FloorLoad load)
    {
        var arrived = (await FloorCheck.MovementsAsync(load.Halls.Select(h => h.HallId)))
            .GroupBy(m => m.ArrivedMicros).ToDictionary(g => g.Key, g => g.First().Id);
        return new Percentiles(load.Changes
            .Where(c => c.Change is "admitted" or "queued")
            .Select(c => (c.ReceivedTicks,
                Published: arrived.TryGetValue(c.AtMicros, out var id) && load.Published.TryGetValue(id, out var at) ? at : 0))
            .Where(x => x.Published >= load.StartTicks && x.Published < load.EndTicks)
            .Select(x => TimeSpan.FromTicks(x.ReceivedTicks - x.Published).TotalMilliseconds));
    }
}
