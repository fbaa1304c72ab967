namespace CivicHall.Contracts.Occupancy.V1;

/// <summary>
/// The head of a hall's door queue (排队区) was let in: ticket <see cref="Ticket"/> of the day, now in
/// <see cref="ZoneId"/>. <see cref="AdmissionId"/> is the screening that admitted the person, so a
/// notifier can tell them; the person is named only by key.
/// </summary>
public sealed record QueueAdvanced(
    string HallId,
    Guid AdmissionId,
    string PersonKey,
    int Ticket,
    string ZoneId,
    int QueueLength,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
