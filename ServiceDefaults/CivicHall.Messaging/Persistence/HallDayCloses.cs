using System.Security.Cryptography;
using System.Text;
using CivicHall.Contracts;
using CivicHall.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.Messaging.Persistence;

/// <summary>
/// A hall-day a service has summarised for the daily report (日报告): one row per (hall, local date) in
/// <c>day_closes</c>, with the revision last published and a hash of its figures. A recount that finds other
/// figures moves the row to the next revision by a conditional UPDATE, so replicas publish each revision once.
/// </summary>
public sealed class DayClose
{
    public required string HallId { get; init; }

    public DateOnly LocalDate { get; init; }

    public int Revision { get; init; }

    public required string FiguresHash { get; init; }

    public DateTimeOffset ClosedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>The day closes of a service: which days to count, and publishing a summary once per revision.</summary>
public static class HallDayCloses
{
    /// <summary>The closed days a pass counts (or recounts): the last <paramref name="days"/> local dates over at <paramref name="now"/>, oldest first.</summary>
    public static IReadOnlyList<DateOnly> DaysToCount(string timeZone, DateTimeOffset now, int days = 2)
    {
        var today = HallLocalDate(timeZone, now);
        return [.. Enumerable.Range(1, days).Select(d => today.AddDays(-d)).Order()];
    }

    /// <summary>The instants [start, end) of a hall's local date.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Day(string timeZone, DateOnly date)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        return (At(zone, date), At(zone, date.AddDays(1)));
    }

    /// <summary>A stable hash of the figures (their JSON): the same counts give the same hash.</summary>
    public static string Hash(object figures) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonColumnExtensions.ToJsonb(figures))));

    /// <summary>
    /// Publishes the day's summary when it is the first of the day or its figures differ from the last published:
    /// in one transaction the <c>day_closes</c> row (inserted, or moved to the next revision) and the outbox row of
    /// <paramref name="summary"/>(revision). 1 when published, 0 when nothing changed (or another replica did it).
    /// </summary>
    public static async Task<int> PublishIfChangedAsync<TDbContext, TEvent>(
        TDbContext db, TimeProvider timeProvider, string hallId, DateOnly date, object figures, Func<int, TEvent> summary, CancellationToken cancellationToken)
        where TDbContext : DbContext
        where TEvent : class, IIntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(summary);
        var hash = Hash(figures);
        if (await db.Set<DayClose>().AsNoTracking().AnyAsync(c => c.HallId == hallId && c.LocalDate == date && c.FiguresHash == hash, cancellationToken))
        {
            return 0;
        }

        return await TransientRetry.RunAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var now = timeProvider.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var revision = await db.Database.SqlQuery<int>($"""
                INSERT INTO day_closes (hall_id, local_date, revision, figures_hash, closed_at, updated_at)
                VALUES ({hallId}, {date}, 1, {hash}, {now}, {now})
                ON CONFLICT (hall_id, local_date) DO UPDATE SET revision = day_closes.revision + 1, figures_hash = EXCLUDED.figures_hash, updated_at = EXCLUDED.updated_at
                WHERE day_closes.figures_hash <> EXCLUDED.figures_hash
                RETURNING revision AS "Value"
                """).ToListAsync(cancellationToken);
            if (revision.Count == 0)
            {
                return 0;
            }

            db.AddIntegrationEvent(summary(revision[0]), timeProvider);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return 1;
        });
    }

    /// <summary>Maps the <c>day_closes</c> table.</summary>
    public static ModelBuilder MapDayCloses(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<DayClose>(close =>
        {
            close.ToTable("day_closes");
            close.HasKey(c => new { c.HallId, c.LocalDate });
            close.Property(c => c.HallId).HasMaxLength(64);
            close.Property(c => c.FiguresHash).HasMaxLength(64);
        });
        return modelBuilder;
    }

    private static DateOnly HallLocalDate(string timeZone, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);

    private static DateTimeOffset At(TimeZoneInfo zone, DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
