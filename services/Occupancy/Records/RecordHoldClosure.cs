namespace CivicHall.Occupancy.Records;

/// <summary>
/// A case's close as the holds saw it: recorded even when no hold of the case exists yet, so that a hold arriving
/// later (an <c>IncidentOpened</c> or a <c>ContactsTraced</c> delivered after the close) is released at once and keeps
/// the person's records only until <see cref="HeldUntil"/>, never for ever.
/// </summary>
public sealed class RecordHoldClosure
{
    public Guid IncidentId { get; init; }

    public required string HallId { get; init; }

    public DateTimeOffset ClosedAt { get; init; }

    /// <summary>The case's <c>RecordsHeldUntil</c>.</summary>
    public DateTimeOffset HeldUntil { get; init; }
}
