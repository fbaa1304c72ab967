using CivicHall.Contracts.Incidents.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Occupancy.Records;

/// <summary>A case's contacts were traced: everyone on the list has their admissions (with their zone presences) at the hall held with the case (<see cref="RecordHolds"/>).</summary>
public sealed class ContactsTracedConsumer(OccupancyDbContext db, TimeProvider timeProvider, ILogger<ContactsTracedConsumer> logger)
    : InboxConsumer<ContactsTraced, OccupancyDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "occupancy.contacts-traced";

    protected override string? LockOrderKey(ContactsTraced message) => message.HallId;

    protected override Task HandleAsync(ContactsTraced message, ConsumeContext<ContactsTraced> context) =>
        RecordHolds.TraceAsync(Db, message, context.CancellationToken);
}
