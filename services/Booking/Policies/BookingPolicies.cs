namespace CivicHall.Booking.Policies;

public static class BookingPolicies
{
    /// <summary>The version in force at an instant: the latest to take effect by then.</summary>
    public static Task<BookingPolicy?> InForceAsync(BookingDbContext db, string hallId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        at = at.ToUniversalTime();
        return db.Policies.AsNoTracking()
            .Where(p => p.HallId == hallId && p.EffectiveFrom <= at)
            .OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Version)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
