using CivicHall.Messaging;

namespace CivicHall.IntegrationTests.Messaging;

/// <summary>A service database of the tests' own: one row per effect, so a repeated effect shows.</summary>
public sealed class TallyDbContext(DbContextOptions<TallyDbContext> options) : DbContext(options)
{
    public DbSet<Tally> Tallies => Set<Tally>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tally>().ToTable("tallies").HasKey(t => t.Id);
        modelBuilder.MapOutboxAndInbox();
    }
}

public sealed class Tally
{
    public long Id { get; init; }

    public required string HallId { get; init; }

    public long Version { get; init; }
}
