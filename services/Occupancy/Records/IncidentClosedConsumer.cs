using CivicHall.Contracts.Incidents.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Occupancy.Records;

/// <summary>A case closed: the records it held stay until its <c>RecordsHeldUntil</c>, then retention applies again (<see cref="RecordHolds"/>).</summary>
public sealed class IncidentClosedConsumer(OccupancyDbContext db, TimeProvider timeProvider, ILogger<IncidentClosedConsumer> logger)
    : InboxConsumer<IncidentClosed, OccupancyDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "occupancy.incident-closed";

    protected override string? LockOrderKey(IncidentClosed message) => message.PersonKey;

    protected override Task HandleAsync(IncidentClosed message, ConsumeContext<IncidentClosed> context) =>
        RecordHolds.ReleaseAsync(Db, message, TimeProvider.GetUtcNow(), context.CancellationToken);
}
