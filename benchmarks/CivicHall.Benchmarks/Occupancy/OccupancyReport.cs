using System.Globalization;
using System.Text;

namespace CivicHall.Benchmarks.Occupancy;

/// <summary>The report's body (markdown): the load, movements, targets, fan-out, CPU and the floors afterwards.</summary>
internal static class OccupancyReport
{
    public static string Write(BenchOptions options, List<Phase> phases, List<(string Name, long Ready, long Unacknowledged)> queues)
    {
        var report = new StringBuilder();
        void Line(string text = "") => report.AppendLine(text);
        var measured = phases.Where(p => p.Fanout?.NotAvailable is null).ToList();
        Load(Line, options, phases);
        var rates = Movements(Line, measured);
        Targets(Line, rates, phases.FirstOrDefault(p => p.Name == "fanout")?.Fanout);
        Cpu(Line, measured, rates);
        Floors(Line, measured, queues);
        var samples = phases
            .SelectMany(p => p.Load.ExitSamples.Select(s => $"- {p.Name}, {s.Key}: `{s.Value.ReplaceLineEndings(" ")}`"))
            .ToList();
        if (samples.Count > 0)
        {
            Line("## Unexpected exit answers (first body of each kind)");
            Line();
            samples.ForEach(Line);
            Line();
        }

        return report.ToString();
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static void Load(Action<string> line, BenchOptions options, List<Phase> phases)
    {
        var pace = options.Rate > 0
            ? $"exits at {N(options.Rate / 2)}/s (movements {N(options.Rate)}/s), admissions following them"
            : "flat out (closed loop)";
        var capacity = phases.FirstOrDefault()?.Load.Halls[0].Capacity ?? options.Capacity;
        var exitsVia = options.Via == "gateway" ? "through the gateway" : "straight to the occupancy service";
        var warmup = options.Warmup > 0 ? $"{options.Warmup} s of the 50-hall load on halls of its own, reported but not a result" : "none";
        line($"Load (one process on the same host, benchmarks/CivicHall.Benchmarks `occupancy`): per hall a floor of {capacity} places " +
             $"and a door queue of {options.QueueTarget}, filled before measuring (not counted). " +
             "Admissions are PersonAdmitted events published to RabbitMQ as screening publishes them " +
             $"(at most {options.AdmissionWindow} not yet counted, {options.Publishers} publishers); " +
             $"exits are `POST /api/v1/halls/{{hallId}}/exits` {exitsVia} with a screener token, {options.ExitConnections} connections, " +
             "the oldest person of a hall first. " +
             $"halls50 and hall1: {pace}, {options.Seconds} s each; " +
             $"fanout: {N(options.FanoutRate)} movements/s on one hall with {options.Listeners} listeners; warm-up: {warmup}.");
        line("");
    }

    /// <summary>The movements table; returns movements/s per phase name.</summary>
    private static Dictionary<string, double> Movements(Action<string> line, List<Phase> measured)
    {
        line("## Movements");
        line("");
        line("| phase | halls | admissions/s | exits/s | movements/s | exit, sent → answer p50 / p90 / p99 / max " +
             "| admission, published → counted p50 / p90 / p99 / max | exit answers | publish errors " +
             "| admissions not counted at the end |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var phase in measured)
        {
            var load = phase.Load;
            var counted = load.Changes
                .Where(c => c.Change is "admitted" or "queued" && c.ReceivedTicks >= load.StartTicks && c.ReceivedTicks < load.EndTicks)
                .ToList();
            var exitsOk = load.ExitAnswers.GetValueOrDefault("200");
            var admissionsPerSecond = counted.Count / phase.Seconds;
            var exitsPerSecond = exitsOk / phase.Seconds;
            rates[phase.Name] = admissionsPerSecond + exitsPerSecond;
            var admissions = phase.Admissions;
            var answers = string.Join(", ", load.ExitAnswers.OrderByDescending(a => a.Value).Select(a => $"{a.Key} × {N(a.Value)}"));
            var notCounted = load.Halls.Sum(h => h.Published - h.Counted);
            line($"| {phase.Label} | {load.Halls.Count} | {N(admissionsPerSecond)} | {N(exitsPerSecond)} | **{N(rates[phase.Name])}** " +
                 $"| {new Percentiles(load.ExitLatencies).Summary()} | {admissions.Summary()} | {(answers.Length == 0 ? "–" : answers)} " +
                 $"| {load.PublishErrors} | {notCounted} |");
        }

        line("");
        line("Movements/s: exits answered 200 and admissions counted (announced by the database at commit) during the measured seconds, " +
             "÷ those seconds. " +
             "An admission counts from the publish call to the arrival of its change on a `LISTEN civichall_occupancy` connection " +
             "to the occupancy database (the commit that counted it, joined to the event by its time in the database); " +
             "this includes RabbitMQ, the inbox consumer (which applies deliveries of one hall in groups, in one transaction) " +
             "and the commit. " +
             "An exit counts from sending the request to the whole answer. " +
             "The generator sends a hall's oldest person out once more admissions than the queue holds were counted after them; " +
             "`409:not_inside` means the consumer had not applied that person's admission yet " +
             "(it does not always apply a hall's deliveries in publish order), and the exit is sent again 100 ms later " +
             "(every attempt is in the latencies, only 200s in exits/s).");
        line("");
        return rates;
    }

    private static void Targets(Action<string> line, Dictionary<string, double> rates, FanoutResult? fan)
    {
        line("## Against the targets");
        line("");
        line("| measurement | result | target | met |");
        line("|---|---|---|---|");
        void Target(string phase, string what, double minimum)
        {
            if (rates.TryGetValue(phase, out var rate))
            {
                line($"| {what} | {N(rate)} movements/s | ≥ {N(minimum)}/s | {(rate >= minimum ? "yes" : "no")} |");
            }
            else
            {
                line($"| {what} | not measured (phase {phase} not chosen) | ≥ {N(minimum)}/s | – |");
            }
        }

        Target("halls50", "movements over 50 halls", 1000);
        Target("hall1", "movements on one hall", 300);
        if (fan is null)
        {
            line("| fan-out to listeners, p99 | not measured (phase fanout not chosen) | ≤ 200 ms | – |");
        }
        else if (fan.NotAvailable is not null)
        {
            line($"| fan-out to {fan.Listeners} listeners, p99 | {fan.NotAvailable} | ≤ 200 ms | – |");
        }
        else
        {
            // Two readings of "from an admission to its SSE message": from the admission's commit (the
            // fan-out itself: database notification, the feed, every stream), and from sending the
            // movement (also its way to the database and its commit, on the same loaded host).
            var fanout = fan.Feed.At(99);
            var endToEnd = fan.Delay.At(99);
            line($"| fan-out to {fan.Connected} listeners, change committed → change received, p99 " +
                 $"| {Percentiles.Ms(fanout)} ({N(fan.Missing)} frames missing) | ≤ 200 ms, none missing " +
                 $"| {(fanout <= 200 && fan.Missing == 0 ? "yes" : "no")} |");
            line($"| the same, end to end: movement sent → change received, p99 | {Percentiles.Ms(endToEnd)} | ≤ 200 ms " +
                 $"| {(endToEnd <= 200 ? "yes" : "no")} |");
        }

        line("");
        if (fan is not null)
        {
            Fanout(line, fan);
        }
    }

    private static void Fanout(Action<string> line, FanoutResult fan)
    {
        line("## Fan-out (live feed)");
        line("");
        if (fan.NotAvailable is not null)
        {
            line($"{fan.NotAvailable}.");
        }
        else
        {
            var otherAnswers = fan.ConnectError is null ? "" : $" (other answers: {fan.ConnectError})";
            var expected = $"{N(fan.ExpectedMin)}{(fan.ExpectedMax != fan.ExpectedMin ? $"–{N(fan.ExpectedMax)}" : "")}";
            line("| measurement | result |");
            line("|---|---|");
            line($"| listeners with a snapshot / asked | {fan.Connected} / {fan.Listeners}{otherAnswers} |");
            line($"| request → snapshot p50 / p90 / p99 / max | {fan.ToSnapshot.Summary()} |");
            line($"| change frames expected per listener (hall's last sequence − its snapshot's) | {expected} |");
            line($"| change frames received per listener, least / median | {N(fan.ReceivedMin)} / {N(fan.ReceivedMedian)} |");
            line($"| sequences missing, all listeners together | {N(fan.Missing)} |");
            line($"| listeners whose stream broke | {fan.Dropped} |");
            line($"| movement sent → change frame at a listener, p50 / p90 / p99 / max ({N(fan.Delay.Count)} frames) " +
                 $"| {fan.Delay.Summary()} |");
            line($"| for comparison: movement sent → its commit seen by LISTEN, p50 / p90 / p99 / max | {fan.Counted.Summary()} |");
            line("| the feed's own part: commit seen by LISTEN → the same sequence at a listener, every frame of the measured seconds, " +
                 $"p50 / p90 / p99 / max | {fan.Feed.Summary()} |");
            line($"| frames joined to their movement / not joined | {N(fan.Matched)} / {N(fan.Unmatched)} |");
            line("| the load generator's own garbage collections while movements ran (warm-up and measured seconds): count / total pause " +
                 $"| {N(fan.GeneratorCollections)} / {fan.GeneratorPauses.TotalMilliseconds:N0} ms |");
            line("");
            line("Movements sent during the measured seconds only (admissions: `admitted`/`queued` frames from the publish call; " +
                 "exits: `exited` frames from sending the request); the `queue_advanced` frame an exit causes is received but not timed " +
                 "(it has the exit's time). " +
                 "The listeners run in the load generator's process, so on a small host they compete with the system for CPU.");
        }

        line("");
    }

    private static void Cpu(Action<string> line, List<Phase> measured, Dictionary<string, double> rates)
    {
        line("## Where the CPU went");
        line("");
        line("CPU time (user + system) during each phase's measured seconds, per movement, of the occupancy process, " +
             "the PostgreSQL server processes of the occupancy database, RabbitMQ (beam.smp, all its work), the gateway " +
             "and the load generator (this process, listeners included, and the PostgreSQL process of its LISTEN connection); " +
             "and how busy the whole host was, with the share of everything else.");
        line("");
        line("| phase | occupancy | PostgreSQL | RabbitMQ | gateway | load generator | host busy | of which everything else |");
        line("|---|---|---|---|---|---|---|---|");
        foreach (var phase in measured)
        {
            var c = phase.Cpu;
            var movements = rates.GetValueOrDefault(phase.Name) * phase.Seconds;
            string Per(double ms) => movements > 0 ? $"{ms * 1000 / movements:N0} µs" : "–";
            var elseMs = Math.Max(0, c.HostBusyMs - c.OccupancyMs - c.PostgresMs - c.RabbitMs - c.GatewayMs - c.GeneratorMs);
            var busy = c.HostTotalMs > 0 ? 100 * c.HostBusyMs / c.HostTotalMs : 0;
            var others = c.HostTotalMs > 0 ? 100 * elseMs / c.HostTotalMs : 0;
            line($"| {phase.Label} | {Per(c.OccupancyMs)} | {Per(c.PostgresMs)} | {Per(c.RabbitMs)} | {Per(c.GatewayMs)} " +
                 $"| {Per(c.GeneratorMs)} | {busy:N0} % | {others:N0} % |");
        }

        line("");
    }

    private static void Floors(Action<string> line, List<Phase> measured, List<(string Name, long Ready, long Unacknowledged)> queues)
    {
        line("## The floors afterwards");
        line("");
        line("Checked in the occupancy database once every admission sent was counted (or a minute passed), per hall: " +
             "never over capacity (now, and in every count the database announced during the run), " +
             "admission rows = admissions sent, each inside, queued, exited or turned away; " +
             "the hall's inside and queue counters, its zones' counts and its open zone presences agree with the rows; " +
             "exited rows = exits answered 200.");
        line("");
        line("| phase | halls as expected | admissions sent | rows | inside / queued / exited / turned away " +
             "| most over capacity ever announced | problems (first 5) |");
        line("|---|---|---|---|---|---|---|");
        foreach (var phase in measured)
        {
            var k = phase.Check;
            var worst = k.WorstOverCapacity <= 0 ? "none" : $"+{k.WorstOverCapacity}";
            var problems = k.Problems.Count == 0 ? "–" : string.Join("; ", k.Problems.Take(5));
            line($"| {phase.Label} | {k.HallsOk} / {k.Halls} | {N(k.Sent)} | {N(k.Rows)} " +
                 $"| {N(k.Inside)} / {N(k.Queued)} / {N(k.Exited)} / {N(k.TurnedAway)} | {worst} | {problems} |");
        }

        line("");
        var left = queues.Count == 0
            ? "no PersonAdmitted queue of occupancy found"
            : string.Join(", ", queues.Select(q => $"`{q.Name}` {q.Ready} ready, {q.Unacknowledged} delivered and not yet acknowledged"));
        line($"RabbitMQ 6 s after the last phase (management statistics, which lag by some seconds): {left}.");
        line("");
    }
}
