using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Incident.Containment;

/// <summary>Sanitation opened (or found) the terminal disinfection task of a closed zone: its acknowledgement, with the task's id.</summary>
public sealed class TerminalDisinfectionScheduledConsumer(IncidentDbContext db, TimeProvider timeProvider, ILogger<TerminalDisinfectionScheduledConsumer> logger)
    : InboxConsumer<TerminalDisinfectionScheduled, IncidentDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "incident.terminal-disinfection-scheduled";

    protected override string? LockOrderKey(TerminalDisinfectionScheduled message) => message.ContainmentId?.ToString();

    protected override async Task HandleAsync(TerminalDisinfectionScheduled message, ConsumeContext<TerminalDisinfectionScheduled> context)
    {
        if (message.ContainmentId is { } id
            && await ContainmentStore.PendingAcknowledgementAsync(Db, id, ContainmentParticipants.Sanitation, resumption: false, context.CancellationToken) is { } ack)
        {
            ack.AcknowledgedAt = message.OccurredAt;
            ack.TaskId = message.TaskId;
        }
    }
}
