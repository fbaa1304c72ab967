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
internal sealed class FloorLoad : IDisposable
{
    private readonly IReadOnlyList<HallFlow> _halls;
    private readonly Dictionary<string, HallFlow> _byId;
    private readonly LoadSettings _settings;
    private readonly ConcurrentDictionary<Guid, long> _published = new();
    private readonly ConcurrentDictionary<string, long> _exitSent = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FloorChange> _changes = new();
    private readonly List<double> _exitLatencies = [];
    private readonly Dictionary<string, int> _exitAnswers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _exitSamples = new(StringComparer.Ordinal);

    // Work is handed out, not searched for: a hall is queued once per admission it has room for (and
    // again for each exit sent), and once per person it may let leave (for each admission counted).
    private readonly ConcurrentQueue<HallFlow> _roomAt = new();
    private readonly SemaphoreSlim _room = new(0);
    private readonly ConcurrentQueue<(HallFlow Hall, int? Person)> _leavingAt = new();
    private readonly SemaphoreSlim _leaving = new(0);
    private readonly SemaphoreSlim _window;
    private readonly CancellationTokenSource _stopAdmissions = new();
    private readonly CancellationTokenSource _stopExits = new();
    private int _uncounted;
    private int _primed;
    private int _ticket;
    private int _publishErrors;

    public FloorLoad(IReadOnlyList<HallFlow> halls, LoadSettings settings)
    {
        _halls = halls;
        _byId = halls.ToDictionary(h => h.HallId, StringComparer.Ordinal);
        _settings = settings;
        _window = new SemaphoreSlim(settings.AdmissionWindow);
        // Round by round over the halls, so that they fill evenly.
        for (var person = 0; person < halls.Max(h => h.Population); person++)
        {
            foreach (var hall in halls.Where(h => person < h.Population))
            {
                _roomAt.Enqueue(hall);
            }
        }

        _room.Release(_roomAt.Count);
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
        var mayLeave = 0;
        lock (hall.Gate)
        {
            hall.WorstOverCapacity = Math.Max(hall.WorstOverCapacity, change.Inside - change.Capacity);
            hall.LastSequence = Math.Max(hall.LastSequence, change.Sequence);
            if (change.Change is not ("admitted" or "queued"))
            {
                return;
            }

            hall.Counted++;
            if (!hall.Primed && hall.Counted >= hall.Population)
            {
                hall.Primed = true;
                Interlocked.Increment(ref _primed);
            }

            // The oldest person may leave once more people than the queue holds were counted after
            // them: with the queue first in, first out, they are inside, whatever order the consumer
            // applied the last few admissions in.
            if (hall.Primed)
            {
                mayLeave = hall.Counted - hall.QueueTarget - hall.ExitsStarted - hall.ExitsGranted;
                hall.ExitsGranted += mayLeave;
            }
        }

        Interlocked.Decrement(ref _uncounted);
        _window.Release();
        for (var i = 0; i < mayLeave; i++)
        {
            _leavingAt.Enqueue((hall, null));
        }

        if (mayLeave > 0)
        {
            _leaving.Release(mayLeave);
        }
    }

    /// <summary>Primes the halls, measures for the set time, then waits until every admission sent was counted (or a minute passed).</summary>
    /// <param name="measuring">Called when measuring starts (the CPU meter, the listeners' clock).</param>
    public async Task RunAsync(Func<Task> measuring)
    {
        var publishers = Enumerable.Range(0, _settings.Publishers).Select(_ => Task.Run(PublishLoopAsync)).ToArray();
        var primeDeadline = Stopwatch.StartNew();
        while (Volatile.Read(ref _primed) < _halls.Count)
        {
            if (primeDeadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"The halls were not filled within 2 minutes ({_halls.Sum(h => h.Counted)} of {_halls.Sum(h => h.Population)} admissions counted).");
            }

            await Task.Delay(20);
        }

        await measuring();
        StartTicks = DateTime.UtcNow.Ticks;
        EndTicks = StartTicks + _settings.Duration.Ticks;
        var exits = Enumerable.Range(0, _settings.ExitConnections).Select(_ => Task.Run(ExitLoopAsync)).ToArray();
        await Task.Delay(_settings.Duration);
        await _stopAdmissions.CancelAsync();
        await _stopExits.CancelAsync();
        await Task.WhenAll(exits);
        await Task.WhenAll(publishers);

        var settle = Stopwatch.StartNew();
        while (settle.Elapsed < TimeSpan.FromMinutes(1) && Volatile.Read(ref _uncounted) > 0)
        {
            await Task.Delay(20);
        }
    }

    private async Task PublishLoopAsync()
    {
        var stop = _stopAdmissions.Token;
        try
        {
            while (true)
            {
                await _window.WaitAsync(stop);
                await _room.WaitAsync(stop);
                _roomAt.TryDequeue(out var hall);
                int person;
                lock (hall!.Gate)
                {
                    person = hall.Published++;
                }

                Interlocked.Increment(ref _uncounted);
                var id = Guid.NewGuid();
                var now = DateTime.UtcNow;
                _published[id] = now.Ticks;
                try
                {
                    await _settings.Bus.Publish(new PersonAdmitted(id, hall.HallId, hall.Key(person), "visitor", null, "bench", 1, new DateTimeOffset(now)), CancellationToken.None);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Interlocked.Increment(ref _publishErrors);
                    Interlocked.Decrement(ref _uncounted);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ExitLoopAsync()
    {
        var exitsPerSecond = _settings.MovementsPerSecond / 2;
        var stop = _stopExits.Token;
        try
        {
            while (true)
            {
                if (exitsPerSecond > 0)
                {
                    var due = StartTicks + (long)((Interlocked.Increment(ref _ticket) - 1) * TimeSpan.TicksPerSecond / exitsPerSecond);
                    if (due >= EndTicks)
                    {
                        return;
                    }

                    var wait = TimeSpan.FromTicks(due - DateTime.UtcNow.Ticks);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, stop);
                    }
                }

                await _leaving.WaitAsync(stop);
                _leavingAt.TryDequeue(out var next);
                var (hall, person) = next;
                if (person is null)
                {
                    lock (hall.Gate)
                    {
                        person = hall.ExitsStarted++;
                        hall.ExitsGranted--;
                    }
                }

                switch (await ExitAsync(hall, person.Value))
                {
                    case "200":
                        // The place is free: one more admission for this hall.
                        _roomAt.Enqueue(hall);
                        _room.Release();
                        break;
                    case "409:not_inside":
                        // Sent before the consumer applied this person's admission (it applies a hall's
                        // deliveries in groups, not always in publish order): again a little later.
                        _ = RetryLaterAsync(hall, person.Value);
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RetryLaterAsync(HallFlow hall, int person)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        _leavingAt.Enqueue((hall, person));
        try
        {
            _leaving.Release();
        }
        catch (ObjectDisposedException)
        {
            // The run is over.
        }
    }

    /// <summary>Sends one exit; its answer: 200, status:code, socket error or timeout.</summary>
    private async Task<string> ExitAsync(HallFlow hall, int person)
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

        return answer;
    }

    public void Dispose()
    {
        _room.Dispose();
        _leaving.Dispose();
        _window.Dispose();
        _stopAdmissions.Dispose();
        _stopExits.Dispose();
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
