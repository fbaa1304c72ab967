using CivicHall.Contracts.Incidents.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Screening.Holds;

/// <summary>A case opened for a person: their screening records at the hall are held past retention (<see cref="RecordHolds"/>).</summary>
public sealed class IncidentOpenedConsumer(ScreeningDbContext db, TimeProvider timeProvider, ILogger<IncidentOpenedConsumer> logger)
    : InboxConsumer<IncidentOpened, ScreeningDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "screening.incident-opened";

    protected override string? LockOrderKey(IncidentOpened message) => message.PersonKey;

    protected override Task HandleAsync(IncidentOpened message, ConsumeContext<IncidentOpened> context) =>
        RecordHolds.OpenAsync(Db, message, context.CancellationToken);
}
