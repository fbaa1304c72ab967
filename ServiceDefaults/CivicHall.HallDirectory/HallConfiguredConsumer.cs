using System.Globalization;
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

    /// <summary>Halls in id order, each hall's versions in order: groups lock known_halls rows alike.</summary>
    protected override string? LockOrderKey(HallConfigured message) =>
        string.Create(CultureInfo.InvariantCulture, $"{message.HallId}\u0000{message.Version:D19}");

    protected override async Task HandleAsync(HallConfigured message, ConsumeContext<HallConfigured> context)
    {
        var cancellationToken = context.CancellationToken;
        var now = TimeProvider.GetUtcNow();

        // Events of one hall may be consumed concurrently (prefetch, redelivery). Make sure the row
        // exists, then lock it, so the version check and the update are one step: no lost update,
        // no duplicate insert.
        await Db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO known_halls (hall_id, version, name, district, time_zone, on_site_state, opening_hours, overrides, zones, configured_at, updated_at)
            VALUES ({message.HallId}, 0, '', '', '', '', '[]', '[]', '[]', {now}, {now})
            ON CONFLICT (hall_id) DO NOTHING
            """,
            cancellationToken).ConfigureAwait(false);
        var hall = await Db.Set<KnownHall>()
            .FromSql($"SELECT * FROM known_halls WHERE hall_id = {message.HallId} FOR UPDATE")
            .SingleAsync(cancellationToken).ConfigureAwait(false);

        if (!hall.Apply(message, now))
        {
            LogStale(logger, message.HallId, message.Version, hall.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hall {HallId} v{Version} is not newer than v{Known}; ignored")]
    private static partial void LogStale(ILogger logger, string hallId, long version, long known);
}
