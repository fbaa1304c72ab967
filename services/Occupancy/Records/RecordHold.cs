namespace CivicHall.Occupancy.Records;

/// <summary>
/// An incident's hold on a person's movement records (admissions, with their zone presences) at a hall (issue 19, records hold): opened by
/// <c>IncidentOpened</c> (the case's person) or <c>ContactsTraced</c> (each person on a tracing list), released by <c>IncidentClosed</c> with the date until which the records stay. Kept per
/// incident and person, so that a record two cases hold keeps a hold while either is open (<c>held_by</c> names one of them).
/// </summary>
public sealed class RecordHold
{
    public Guid IncidentId { get; init; }

    public required string HallId { get; init; }

    public required string PersonKey { get; init; }

    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>When the case closed (its hold released); null while it is open.</summary>
    public DateTimeOffset? ReleasedAt { get; init; }

    /// <summary>Until when the released records stay (the case's <c>RecordsHeldUntil</c>).</summary>
    public DateTimeOffset? HeldUntil { get; init; }
}
