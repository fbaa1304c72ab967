using CivicHall.Contracts.Incidents.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Screening.Holds;

/// <summary>A case's contacts were traced: everyone on the list has their screening records at the hall held with the case (<see cref="RecordHolds"/>).</summary>
public sealed class ContactsTracedConsumer(ScreeningDbContext db, TimeProvider timeProvider, ILogger<ContactsTracedConsumer> logger)
    : InboxConsumer<ContactsTraced, ScreeningDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "screening.contacts-traced";

    protected override string? LockOrderKey(ContactsTraced message) => message.HallId;

    protected override Task HandleAsync(ContactsTraced message, ConsumeContext<ContactsTraced> context) =>
        RecordHolds.TraceAsync(Db, message, context.CancellationToken);
}
