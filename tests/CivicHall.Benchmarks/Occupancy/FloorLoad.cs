using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using CivicHall.Contracts.Screening.V1;
using MassTransit;

namespace CivicHall.Benchmarks.Occupancy;

/// <summary>What a load generator run needs: where exits go, how much is in flight at once.</summary>
internal sealed record LoadSettings(
    IBus Bus, HttpClient Exits, int ExitConnections, int Publishers, int AdmissionWindow, TimeSpan Duration, double MovementsPerSecond);

/// <summary>
/// Keeps the people of some halls flowing for a while: admissions published to RabbitMQ as screening
/// publishes them (<see cref="PersonAdmitted"/>), exits posted over HTTP. First every hall is filled
/// (priming, not measured): a full floor and a door queue. Then, for the measured time, every exit lets
/// the head of the queue in and makes room for one more admission, so the floors stay full and the
/// queues move. Flat out (closed loop: <see cref="LoadSettings.ExitConnections"/> exits and at most
/// <see cref="LoadSettings.AdmissionWindow"/> uncounted admissions at once), or exits at a set rate with
/// admissions following them.
/// </summary>
internal sealed class FloorLoad
{
    private readonly IReadOnlyList<HallFlow> _halls;
    private readonly Dictionary<string, HallFlow> _byId;
    private readonly LoadSettings _settings;
    private readonly Pulse _changed = new();
    private readonly ConcurrentDictionary<Guid, long> _published = new();
    private readonly ConcurrentDictionary<string, long> _exitSent = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FloorChange> _changes = new();
    private readonly List<double> _exitLatencies = [];
    private readonly Dictionary<string, int> _exitAnswers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _exitSamples = new(StringComparer.Ordinal);
    private int _uncounted;
    private int _next;
    private int _ticket;
    private volatile bool _stopAdmissions;
    private volatile bool _stopExits;
    private int _publishErrors;

    public FloorLoad(IReadOnlyList<HallFlow> halls, LoadSettings settings)
    {
        _halls = halls;
        _byId = halls.ToDictionary(h => h.HallId, StringComparer.Ordinal);
        _settings = settings;
    }

    /// <summary>When measuring began and ended (UTC ticks).</summary>
    public long StartTicks { get; private set; }

    public long EndTicks { get; private set; }

    public IReadOnlyList<HallFlow> Halls => _halls;

    public IReadOnlyDictionary<Guid, long> Published => _published;

    public IReadOnlyDictionary<string, long> ExitSent => _exitSent;

    public IReadOnlyCollection<FloorChange> Changes => _changes;

    public IReadOnlyList<double> ExitLatencies => _exitLatencies;

    public IReadOnlyDictionary<string, int> ExitAnswers => _exitAnswers;

    public IReadOnlyDictionary<string, string> ExitSamples => _exitSamples;

    public int PublishErrors => _publishErrors;

    /// <summary>Called for every change the database announces (on the listening connection's thread).</summary>
    public void OnChange(FloorChange change)
    {
        if (!_byId.TryGetValue(change.HallId, out var hall))
        {
            return;
        }

        _changes.Enqueue(change);
        lock (hall.Gate)
        {
            hall.WorstOverCapacity = Math.Max(hall.WorstOverCapacity, change.Inside - change.Capacity);
            hall.LastSequence = Math.Max(hall.LastSequence, change.Sequence);
            if (change.Change is "admitted" or "queued")
            {
                hall.Counted++;
                Interlocked.Decrement(ref _uncounted);
                if (hall.Counted >= hall.Population)
                {
                    hall.Primed = true;
                }
            }
        }

        _changed.Set();
    }

    /// <summary>Primes the halls, measures for the set time, then waits until every admission sent was counted (or a minute passed).</summary>
    /// <param name="measuring">Called when measuring starts (the CPU meter, the listeners' clock).</param>
    public async Task RunAsync(Func<Task> measuring)
    {
        var publishers = Enumerable.Range(0, _settings.Publishers).Select(_ => Task.Run(PublishLoopAsync)).ToArray();
        var primeDeadline = Stopwatch.StartNew();
        while (_halls.Any(h => !IsPrimed(h)))
        {
            if (primeDeadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"The halls were not filled within 2 minutes ({_halls.Sum(h => h.Counted)} of {_halls.Sum(h => h.Population)} admissions counted).");
            }

            await _changed.WaitAsync(TimeSpan.FromMilliseconds(50));
        }

        await measuring();
        StartTicks = DateTime.UtcNow.Ticks;
        EndTicks = StartTicks + _settings.Duration.Ticks;
        var exits = Enumerable.Range(0, _settings.ExitConnections).Select(_ => Task.Run(ExitLoopAsync)).ToArray();
        await Task.Delay(_settings.Duration);
        _stopAdmissions = true;
        _stopExits = true;
        await Task.WhenAll(exits);
        await Task.WhenAll(publishers);

        var settle = Stopwatch.StartNew();
        while (settle.Elapsed < TimeSpan.FromMinutes(1) && _halls.Any(h => Volatile.Read(ref _uncounted) > 0 && h.Counted < h.Published))
        {
            await _changed.WaitAsync(TimeSpan.FromMilliseconds(50));
        }
    }

    private static bool IsPrimed(HallFlow hall)
    {
        lock (hall.Gate)
        {
            return hall.Primed;
        }
    }

    private async Task PublishLoopAsync()
    {
        while (!_stopAdmissions)
        {
            HallFlow? hall = null;
            var person = 0;
            for (var tries = 0; tries < _halls.Count && hall is null; tries++)
            {
                var candidate = _halls[(int)((uint)Interlocked.Increment(ref _next) % _halls.Count)];
                lock (candidate.Gate)
                {
                    if (candidate.Published - candidate.ExitsStarted < candidate.Population && Volatile.Read(ref _uncounted) < _settings.AdmissionWindow)
                    {
                        person = candidate.Published++;
                        hall = candidate;
                        Interlocked.Increment(ref _uncounted);
                    }
                }
            }

            if (hall is null)
            {
                await _changed.WaitAsync(TimeSpan.FromMilliseconds(5));
                continue;
            }

            var id = Guid.NewGuid();
            var now = DateTime.UtcNow;
            _published[id] = now.Ticks;
            try
            {
                await _settings.Bus.Publish(new PersonAdmitted(id, hall.HallId, hall.Key(person), "visitor", null, "bench", 1, new DateTimeOffset(now)));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.Increment(ref _publishErrors);
            }
        }
    }

    private async Task ExitLoopAsync()
    {
        var exitsPerSecond = _settings.MovementsPerSecond / 2;
        while (!_stopExits)
        {
            if (exitsPerSecond > 0)
            {
                var due = StartTicks + (long)(Interlocked.Increment(ref _ticket) - 1) * TimeSpan.TicksPerSecond / exitsPerSecond;
                if (due >= EndTicks)
                {
                    return;
                }

                var wait = TimeSpan.FromTicks((long)due - DateTime.UtcNow.Ticks);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }

            var (hall, person) = NextToLeave();
            while (hall is null && !_stopExits)
            {
                await _changed.WaitAsync(TimeSpan.FromMilliseconds(5));
                (hall, person) = NextToLeave();
            }

            if (hall is null)
            {
                return;
            }

            await ExitAsync(hall, person);
        }
    }

    /// <summary>
    /// The oldest person of a hall with more counted people behind them than the door queue holds: with
    /// the queue first in, first out they are inside, whatever order the consumer applied the last few
    /// admissions in.
    /// </summary>
    private (HallFlow? Hall, int Person) NextToLeave()
    {
        for (var tries = 0; tries < _halls.Count; tries++)
        {
            var hall = _halls[(int)((uint)Interlocked.Increment(ref _next) % _halls.Count)];
            lock (hall.Gate)
            {
                if (hall.Primed && hall.Counted - hall.ExitsStarted > hall.QueueTarget)
                {
                    return (hall, hall.ExitsStarted++);
                }
            }
        }

        return (null, 0);
    }

    private async Task ExitAsync(HallFlow hall, int person)
    {
        var key = hall.Key(person);
        _exitSent[key] = DateTime.UtcNow.Ticks;
        var started = Stopwatch.GetTimestamp();
        string answer;
        string? body = null;
        try
        {
            using var content = new StringContent($$"""{"personKey":"{{key}}","gate":"bench"}""", Encoding.UTF8, "application/json");
            using var response = await _settings.Exits.PostAsync(new Uri($"api/v1/halls/{hall.HallId}/exits", UriKind.Relative), content);
            body = await response.Content.ReadAsStringAsync();
            answer = response.StatusCode == HttpStatusCode.OK ? "200" : $"{(int)response.StatusCode}:{Code(body)}";
        }
        catch (HttpRequestException e)
        {
            answer = "socket error";
            body = e.Message;
        }
        catch (TaskCanceledException)
        {
            answer = "timeout";
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        lock (_exitLatencies)
        {
            _exitLatencies.Add(elapsed);
            _exitAnswers[answer] = _exitAnswers.GetValueOrDefault(answer) + 1;
            if (answer != "200" && body is not null)
            {
                _exitSamples.TryAdd(answer, body.Length > 300 ? body[..300] : body);
            }
        }

        if (answer == "200")
        {
            lock (hall.Gate)
            {
                hall.ExitsOk++;
            }
        }

        _changed.Set();
    }

    /// <summary>The problem's <c>code</c>, when the answer is one.</summary>
    private static string Code(string body)
    {
        var at = body.IndexOf("\"code\":\"", StringComparison.Ordinal);
        if (at < 0)
        {
            return "?";
        }

        at += 8;
        var end = body.IndexOf('"', at);
        return end < 0 ? "?" : body[at..end];
    }
}
