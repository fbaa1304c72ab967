using CivicHall.Messaging.Inbox;
using CivicHall.Messaging.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.HallDirectory;

public static class HallDirectoryExtensions
{
    /// <summary>Maps the <c>known_halls</c> projection table.</summary>
    public static ModelBuilder MapHallDirectory(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<KnownHall>(hall =>
        {
            hall.ToTable("known_halls");
            hall.HasKey(h => h.HallId);
            hall.Property(h => h.HallId).HasMaxLength(64);
            hall.Property(h => h.Name).HasMaxLength(200);
            hall.Property(h => h.District).HasMaxLength(100);
            hall.Property(h => h.TimeZone).HasMaxLength(64);
            hall.Property(h => h.OnSiteState).HasMaxLength(32);
            hall.Property(h => h.OpeningHours).HasJsonbConversion();
            hall.Property(h => h.Overrides).HasJsonbConversion();
            hall.Property(h => h.Zones).HasJsonbConversion();
        });
        return modelBuilder;
    }

    /// <summary>Consumes <c>HallConfigured</c> on the queue <c>{serviceName}-hall-configured</c>.</summary>
    public static IBusRegistrationConfigurator AddHallDirectory<TDbContext>(this IBusRegistrationConfigurator bus, string serviceName)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddInboxConsumer<HallConfiguredConsumer<TDbContext>>()
            .Endpoint(endpoint => endpoint.Name = $"{serviceName}-hall-configured");
        return bus;
    }
}
