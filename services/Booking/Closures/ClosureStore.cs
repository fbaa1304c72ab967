namespace CivicHall.Booking.Closures;

/// <summary>What is closed of a hall now: the zones closed by containment, and whether booking recorded its on-site service suspended.</summary>
public static class ClosureStore
{
    /// <summary>The hall's zones closed now.</summary>
    public static async Task<IReadOnlySet<string>> ClosedZonesAsync(BookingDbContext db, string hallId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var zones = await db.ZoneClosures.AsNoTracking().Where(c => c.HallId == hallId && c.ReopenedAt == null).Select(c => c.ZoneId).ToListAsync(cancellationToken);
        return zones.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether booking holds the hall's on-site service suspended now.</summary>
    public static Task<bool> SuspendedAsync(BookingDbContext db, string hallId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.HallSuspensions.AnyAsync(s => s.HallId == hallId && s.ResumedAt == null, cancellationToken);
    }
}
