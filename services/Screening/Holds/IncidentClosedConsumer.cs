using CivicHall.Contracts.Incidents.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Screening.Holds;

/// <summary>A case closed: the records it held stay until its <c>RecordsHeldUntil</c>, then retention applies again (<see cref="RecordHolds"/>).</summary>
public sealed class IncidentClosedConsumer(ScreeningDbContext db, TimeProvider timeProvider, ILogger<IncidentClosedConsumer> logger)
    : InboxConsumer<IncidentClosed, ScreeningDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "screening.incident-closed";

    protected override string? LockOrderKey(IncidentClosed message) => message.PersonKey;

    protected override Task HandleAsync(IncidentClosed message, ConsumeContext<IncidentClosed> context) =>
        RecordHolds.ReleaseAsync(Db, message, TimeProvider.GetUtcNow(), context.CancellationToken);
}
