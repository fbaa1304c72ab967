using CivicHall.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.Messaging.Outbox;

public static class DbContextOutboxExtensions
{
    /// <summary>
    /// Adds an integration event to the outbox of this unit of work. It is written by the next
    /// SaveChanges, in the same transaction as the state change, and published after the commit.
    /// </summary>
    public static OutboxMessage AddIntegrationEvent<TEvent>(this DbContext db, TEvent integrationEvent, TimeProvider timeProvider)
        where TEvent : class, IIntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(integrationEvent);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var message = OutboxMessage.For(integrationEvent, timeProvider.GetUtcNow());
        db.Set<OutboxMessage>().Add(message);
        return message;
    }
}
