using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Messaging.Inbox;
using CivicHall.Sanitation.Plans;
using MassTransit;

namespace CivicHall.Sanitation.Occupation;

/// <summary>
/// Occupancy's throttled counts, per zone: sanitation keeps the newest (by the hall's <c>Sequence</c>; an older or
/// repeated event changes nothing), the stretches of time each zone held someone (<see cref="ZoneOccupation"/>, for
/// the windows that apply only while occupied) and each zone's running count of visitors, which may bring a task
/// forward (<see cref="VisitorBaselines"/>).
/// </summary>
public sealed class OccupancyChangedConsumer(SanitationDbContext db, TimeProvider timeProvider, ILogger<OccupancyChangedConsumer> logger)
    : InboxConsumer<OccupancyChanged, SanitationDbContext>(db, timeProvider, logger)
{
    /// <summary>How long a closed stretch of occupation is kept after it ended.</summary>
    public static readonly TimeSpan KeepOccupations = TimeSpan.FromDays(7);

    protected override string InboxName => "sanitation.occupancy-changed";

    protected override string? LockOrderKey(OccupancyChanged message) => message.HallId;

    protected override async Task HandleAsync(OccupancyChanged message, ConsumeContext<OccupancyChanged> context)
    {
        var cancellationToken = context.CancellationToken;
        var hallId = message.HallId;
        var at = message.OccurredAt.ToUniversalTime();

        // One event of a hall at a time (replicas, groups): the zones' rows and intervals are read, then written.
        var key = $"sanitation-occupancy:{hallId}";
        await Db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
        var states = await Db.ZoneOccupancies.Where(z => z.HallId == hallId).ToDictionaryAsync(z => z.ZoneId, StringComparer.Ordinal, cancellationToken);
        var open = await Db.ZoneOccupations.Where(o => o.HallId == hallId && o.Until == null).ToDictionaryAsync(o => o.ZoneId, StringComparer.Ordinal, cancellationToken);
        var received = new List<ZoneOccupancyState>();
        var closed = false;
        foreach (var zone in (message.Zones ?? []).DistinctBy(z => z.ZoneId))
        {
            if (!states.TryGetValue(zone.ZoneId, out var state))
            {
                state = new ZoneOccupancyState
                {
                    HallId = hallId,
                    ZoneId = zone.ZoneId,
                    ZoneKind = zone.Kind,
                    Sequence = message.Sequence,
                    Count = zone.Count,
                    Entered = zone.Entered,
                    FirstSeenAt = at,
                    UpdatedAt = at,
                };
                Db.ZoneOccupancies.Add(state);
            }
            else if (message.Sequence <= state.Sequence)
            {
                continue; // older than what is kept: the newer event already said more
            }
            else if (state.Apply(message.Sequence, zone.Count, zone.Entered, zone.Kind, at) > 0)
            {
                received.Add(state);
            }

            if (zone.Count > 0 && !open.ContainsKey(zone.ZoneId))
            {
                Db.ZoneOccupations.Add(new ZoneOccupation { HallId = hallId, ZoneId = zone.ZoneId, From = at });
            }
            else if (zone.Count == 0 && open.TryGetValue(zone.ZoneId, out var occupation))
            {
                occupation.Until = at > occupation.From ? at : occupation.From;
                closed = true;
            }
        }

        // Saved now, so a later event of the same group finds these rows and intervals.
        await Db.SaveChangesAsync(cancellationToken);
        if (closed)
        {
            // Windows are judged within minutes of their end (hours if the service was down): a week of stretches is plenty.
            var before = at - KeepOccupations;
            await Db.ZoneOccupations.Where(o => o.HallId == hallId && o.Until < before).ExecuteDeleteAsync(cancellationToken);
        }

        if (received.Count == 0 || await Db.Halls.FindKnownAsync(hallId, cancellationToken) is not { } hall)
        {
            return;
        }

        var now = TimeProvider.GetUtcNow();
        var plan = await SanitationPlans.InForceAsync(Db, hallId, now, cancellationToken);
        if (!plan.Rules.Any(r => r.BringForwardAfterVisitors is not null))
        {
            return;
        }

        foreach (var state in received.OrderBy(s => s.ZoneId, StringComparer.Ordinal))
        {
            await VisitorBaselines.BringForwardAsync(Db, hallId, hall.TimeZone, plan, state.ZoneId, state.ZoneKind, state.Visitors, now, cancellationToken);
        }
    }
}
