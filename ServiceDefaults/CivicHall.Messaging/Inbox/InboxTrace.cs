using System.Diagnostics;
using MassTransit;

namespace CivicHall.Messaging.Inbox;

/// <summary>
/// The trace a delivery arrived in: MassTransit's consume span, current when <c>Consume</c> is called
/// (it continues the trace of the request that wrote the event). Kept on the consume context, since an
/// inbox group is applied later, elsewhere, for many deliveries at once.
/// </summary>
public sealed class InboxTrace
{
    private InboxTrace(ActivityContext context) => Context = context;

    /// <summary>The consume span's context; default when the delivery was not traced.</summary>
    public ActivityContext Context { get; }

    /// <summary>The W3C traceparent of <see cref="Context"/>, for what the message's handling writes (outbox rows); null when untraced.</summary>
    public string? TraceParent => MessagingTelemetry.TraceParent(Context);

    /// <summary>The delivery's trace, taken from the current span the first time it is asked for (in Consume).</summary>
    public static InboxTrace Capture(ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetOrAddPayload(() => new InboxTrace(Activity.Current?.Context ?? default));
    }

    /// <summary>The trace <see cref="Capture"/> kept for the delivery; none when it never passed through an inbox consumer.</summary>
    public static InboxTrace Of(ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TryGetPayload<InboxTrace>(out var trace) ? trace : new InboxTrace(default);
    }
}
