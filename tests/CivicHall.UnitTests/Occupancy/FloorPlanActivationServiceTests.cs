using CivicHall.Occupancy.Floor;
using CivicHall.Occupancy.Planning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.UnitTests.Occupancy;

/// <summary>
/// The floor-plan check runs on the service's <see cref="TimeProvider"/>: the next check comes when that clock
/// has moved on by <see cref="FloorPlanOptions.CheckInterval"/>, not before and without waiting on the real clock.
/// No database: each check opens a scope (counted here) and fails to find a context, which the service logs and survives.
/// </summary>
public sealed class FloorPlanActivationServiceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Checks_again_when_the_injected_clock_has_moved_on_by_the_interval()
    {
        var clock = new WatchedClock(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8)));
        var scopes = new CountingScopeFactory();
        using var service = new FloorPlanActivationService(
            scopes, clock, Options.Create(new FloorPlanOptions { CheckInterval = Interval }), NullLogger<FloorPlanActivationService>.Instance);

        await service.StartAsync(Ct);
        await UntilAsync(() => scopes.Created == 1 && clock.Timers == 1); // checked once, now waiting on the clock

        clock.Advance(Interval - TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
        Assert.Equal(1, scopes.Created);

        clock.Advance(TimeSpan.FromSeconds(1));
        await UntilAsync(() => scopes.Created == 2 && clock.Timers == 2);

        clock.Advance(Interval);
        await UntilAsync(() => scopes.Created == 3);
        await service.StopAsync(Ct);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(10))
        {
            Assert.True(waited < TimeSpan.FromSeconds(10), "the check did not run, or did not wait on the injected clock");
            await Task.Delay(TimeSpan.FromMilliseconds(10), Ct);
        }
    }

    /// <summary>A fake clock that counts the timers started on it: a wait is under way once its timer exists.</summary>
    private sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _timers;

        public int Timers => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timers);
            return timer;
        }
    }

    /// <summary>Scopes with no services: the check fails at once, as with the database down.</summary>
    private sealed class CountingScopeFactory : IServiceScopeFactory
    {
        private readonly ServiceProvider _empty = new ServiceCollection().BuildServiceProvider();
        private int _created;

        public int Created => Volatile.Read(ref _created);

        public IServiceScope CreateScope()
        {
            Interlocked.Increment(ref _created);
            return _empty.CreateScope();
        }
    }
}
