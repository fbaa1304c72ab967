using CivicHall.Contracts.Halls.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CivicHall.HallDirectory;

/// <summary>
/// Keeps <see cref="KnownHall"/> up to date. Once per message (inbox), and in version order: an
/// event that arrives after a newer one (concurrent relay batches, redelivery) changes nothing.
/// </summary>
public sealed partial class HallConfiguredConsumer<TDbContext>(
    TDbContext db, TimeProvider timeProvider, ILogger<HallConfiguredConsumer<TDbContext>> logger)
    : InboxConsumer<HallConfigured, TDbContext>(db, timeProvider, logger)
    where TDbContext : DbContext
{
    protected override string InboxName => "hall-directory.hall-configured";

    protected override async Task HandleAsync(HallConfigured message, ConsumeContext<HallConfigured> context)
    {
        var halls = Db.Set<KnownHall>();
        var hall = await halls.FindAsync([message.HallId], context.CancellationToken).ConfigureAwait(false);
        if (hall is null)
        {
            hall = new KnownHall { HallId = message.HallId };
            halls.Add(hall);
        }

        if (!hall.Apply(message, TimeProvider.GetUtcNow()))
        {
            LogStale(logger, message.HallId, message.Version, hall.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hall {HallId} v{Version} is not newer than v{Known}; ignored")]
    private static partial void LogStale(ILogger logger, string hallId, long version, long known);
}
