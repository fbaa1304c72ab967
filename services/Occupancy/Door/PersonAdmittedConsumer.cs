using CivicHall.Contracts.Screening.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Occupancy.Door;

/// <summary>
/// A person through screening reaches the door: let in if there is room, else queued (the door queue,
/// 排队区), or turned away (quota, suspension). Deliveries of one hall are applied in order of arrival.
/// </summary>
public sealed partial class PersonAdmittedConsumer(OccupancyDbContext db, FloorStore door, TimeProvider timeProvider, ILogger<PersonAdmittedConsumer> logger)
    : InboxConsumer<PersonAdmitted, OccupancyDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "occupancy.person-admitted";

    protected override string? LockOrderKey(PersonAdmitted message) => message.HallId;

    protected override Task HandleAsync(PersonAdmitted message, ConsumeContext<PersonAdmitted> context) =>
        HandleGroupAsync([context], context.CancellationToken);

    /// <summary>
    /// The group's admissions go to the database together, one round trip, applied in order under each hall's
    /// lock; each with its own message's trace, so the events an admission writes continue that trace.
    /// </summary>
    protected override async Task HandleGroupAsync(IReadOnlyList<ConsumeContext<PersonAdmitted>> deliveries, CancellationToken cancellationToken)
    {
        var arrivals = new Arrival[deliveries.Count];
        for (var i = 0; i < arrivals.Length; i++)
        {
            var message = deliveries[i].Message;
            arrivals[i] = new Arrival(
                message.ScreeningId, message.HallId, message.PersonKey, message.PersonKind, message.PriorityGroup, message.Lane,
                InboxTrace.Of(deliveries[i]).TraceParent);
        }

        var outcomes = await door.AdmitAllAsync(arrivals, cancellationToken);
        for (var i = 0; i < arrivals.Length; i++)
        {
            if (outcomes[i] is "hall_unknown" or "already_present")
            {
                LogNotAdmitted(logger, arrivals[i].AdmissionId, arrivals[i].HallId, outcomes[i]);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Screening {ScreeningId} at hall {HallId} not admitted: {Outcome}")]
    private static partial void LogNotAdmitted(ILogger logger, Guid screeningId, string hallId, string outcome);
}
