using CivicHall.Contracts.Incidents.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Occupancy.Records;

/// <summary>A case opened for a person: their admissions (and zone presences) at the hall are held past retention (<see cref="RecordHolds"/>).</summary>
public sealed class IncidentOpenedConsumer(OccupancyDbContext db, TimeProvider timeProvider, ILogger<IncidentOpenedConsumer> logger)
    : InboxConsumer<IncidentOpened, OccupancyDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "occupancy.incident-opened";

    protected override string? LockOrderKey(IncidentOpened message) => message.PersonKey;

    protected override Task HandleAsync(IncidentOpened message, ConsumeContext<IncidentOpened> context) =>
        RecordHolds.OpenAsync(Db, message, context.CancellationToken);
}
