using CivicHall.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.Benchmarks;

/// <summary>A service database of the benchmark's own: a domain row per change, plus outbox and inbox.</summary>
public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    public DbSet<Change> Changes => Set<Change>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Change>().ToTable("changes").HasKey(c => c.Id);
        modelBuilder.MapOutboxAndInbox();
    }
}

public sealed class Change
{
    public long Id { get; init; }

    public required string Key { get; init; }
}
