namespace CivicHall.Booking.Replanning;

/// <summary>
/// Wakes this replica's re-planning at once when it changed what plans are made from (an item, a policy), instead of
/// at its next interval. Apart from the re-planning itself, so that what changes the inputs of a plan need not know
/// the planning that depends on them.
/// </summary>
public sealed class ReplanSignal : IDisposable
{
    private readonly SemaphoreSlim _nudge = new(0, 1);

    /// <summary>Asks for a pass now. Nudges before the pass takes one count once.</summary>
    public void Nudge()
    {
        if (_nudge.CurrentCount == 0)
        {
            try
            {
                _nudge.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another nudge got there first.
            }
        }
    }

    /// <summary>Completes at the next nudge (or the one waiting already), taking it.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _nudge.WaitAsync(cancellationToken);

    public void Dispose() => _nudge.Dispose();
}
