namespace CivicHall.Incident;

/// <summary>
/// The halls incident has heard of through <c>HallConfigured</c>. A row of version 0 is a placeholder the
/// hall directory keeps before the first event: such a hall is unknown to every endpoint (<c>hall_unknown</c>).
/// </summary>
public static class KnownHalls
{
    /// <summary>The hall as last announced, or null when it is not known yet.</summary>
    public static Task<KnownHall?> FindKnownAsync(this DbSet<KnownHall> halls, string hallId, CancellationToken cancellationToken) =>
        halls.AsNoTracking().SingleOrDefaultAsync(h => h.HallId == hallId && h.Version > 0, cancellationToken);

    /// <summary>Whether the hall has been announced.</summary>
    public static Task<bool> IsKnownAsync(this DbSet<KnownHall> halls, string hallId, CancellationToken cancellationToken) =>
        halls.AnyAsync(h => h.HallId == hallId && h.Version > 0, cancellationToken);
}
