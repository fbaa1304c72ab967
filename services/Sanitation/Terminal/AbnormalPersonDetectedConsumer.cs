using CivicHall.Contracts.Screening.V1;
using CivicHall.Messaging.Inbox;
using CivicHall.Sanitation.Tasks;
using MassTransit;

namespace CivicHall.Sanitation.Terminal;

/// <summary>
/// Seed 003: after a person is isolated, the screening point (security check) and the isolation area are
/// disinfected. Terminal tasks for each such zone of the hall, done on their record (they close no zone).
/// </summary>
public sealed class AbnormalPersonDetectedConsumer(SanitationDbContext db, TimeProvider timeProvider, ILogger<AbnormalPersonDetectedConsumer> logger)
    : InboxConsumer<AbnormalPersonDetected, SanitationDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "sanitation.abnormal-person-detected";

    protected override string? LockOrderKey(AbnormalPersonDetected message) => message.HallId;

    protected override async Task HandleAsync(AbnormalPersonDetected message, ConsumeContext<AbnormalPersonDetected> context)
    {
        var hall = await Db.Halls.AsNoTracking().SingleOrDefaultAsync(h => h.HallId == message.HallId && h.Version > 0, context.CancellationToken);
        if (hall is null)
        {
            return;
        }

        var now = TimeProvider.GetUtcNow();
        foreach (var zone in TerminalTasks.AfterIsolation(hall))
        {
            await TerminalTasks.OpenAsync(Db, message.HallId, zone.ZoneId, TerminalTasks.AbnormalPerson, message.ScreeningId.ToString(),
                "隔离后体温监测点和隔离区消杀 (seed 003)", now, context.CancellationToken);
        }
    }
}
