using CivicHall.Screening.Data;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.Screening.Policies;

public static class ScreeningPolicies
{
    /// <summary>The version in force at an instant: the latest to take effect by then.</summary>
    public static Task<ScreeningPolicy?> InForceAsync(ScreeningDbContext db, string hallId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        at = at.ToUniversalTime();
        return db.Policies.AsNoTracking()
            .Where(p => p.HallId == hallId && p.EffectiveFrom <= at)
            .OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Version)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
