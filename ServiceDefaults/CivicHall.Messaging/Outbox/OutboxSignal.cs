using System.Threading.Channels;

namespace CivicHall.Messaging.Outbox;

/// <summary>
/// Wakes the relay as soon as a transaction that wrote outbox rows commits, so events leave within
/// milliseconds rather than a polling period. Pulses coalesce: many commits cause one extra pass.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _pulses = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Pulse() => _pulses.Writer.TryWrite(true);

    /// <summary>Waits for a pulse or the timeout; true when pulsed.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_pulses.Reader.TryRead(out _))
        {
            return true;
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await _pulses.Reader.WaitToReadAsync(timeoutSource.Token).ConfigureAwait(false);
            return _pulses.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
