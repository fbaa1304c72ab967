using CivicHall.Contracts.Screening.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Incident.Cases;

/// <summary>
/// A reading that ended in <c>isolate</c> opens an <c>abnormal_screening</c> case, once per reading: the inbox skips
/// a message id seen before, and the unique screening id skips the same reading published again under another id.
/// The case opens even if the hall is not known here yet (a case is never lost to the hall directory's lag).
/// </summary>
public sealed class AbnormalPersonDetectedConsumer(IncidentDbContext db, TimeProvider timeProvider, ILogger<AbnormalPersonDetectedConsumer> logger)
    : InboxConsumer<AbnormalPersonDetected, IncidentDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "incident.abnormal-person-detected";

    protected override string? LockOrderKey(AbnormalPersonDetected message) => message.ScreeningId.ToString();

    protected override Task HandleAsync(AbnormalPersonDetected message, ConsumeContext<AbnormalPersonDetected> context) =>
        IncidentStore.OpenFromScreeningAsync(Db, message, TimeProvider.GetUtcNow(), TimeProvider, context.CancellationToken);
}
