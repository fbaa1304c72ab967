using MassTransit;

namespace CivicHall.Messaging.Inbox;

/// <summary>What <see cref="InboxBatcher{TMessage}"/> needs of a consumer: apply a group of deliveries in one transaction.</summary>
internal interface IInboxApplier<TMessage>
    where TMessage : class
{
    Task ApplyAsync(IReadOnlyList<ConsumeContext<TMessage>> deliveries, CancellationToken cancellationToken);
}
