namespace CivicHall.Incident.Tracing;

/// <summary>A tracing's list: five sections, each ranked (see README "Contact tracing").</summary>
public sealed record TracingList(
    IReadOnlyList<TracedContact> CloseContacts,
    IReadOnlyList<TracedContact> SameHallContacts,
    IReadOnlyList<TracedContact> EntranceContacts,
    IReadOnlyList<TracedContact> Staff,
    IReadOnlyList<TracedContact> BookedNotSeen)
{
    public static TracingList Empty { get; } = new([], [], [], [], []);

    /// <summary>Every person key on the list, each once, ordered.</summary>
    public IReadOnlyList<string> PersonKeys() =>
        [.. CloseContacts.Concat(SameHallContacts).Concat(EntranceContacts).Concat(Staff).Concat(BookedNotSeen)
            .Select(c => c.PersonKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

/// <summary>
/// One person on a list: who (key, masked identity or <see cref="IdentityUnknown"/>), of which kind, and what
/// overlapped for how long: <see cref="Zones"/> (stays), <see cref="Entrance"/> (the lane) or <see cref="Booking"/>.
/// </summary>
/// <param name="PersonKey">Screening's key of the person.</param>
/// <param name="Kind">visitor, staff, courier or agent.</param>
/// <param name="Identity">Masked identity from screening (or, for someone never screened, the booking); null when unknown.</param>
/// <param name="IdentityUnknown">True when no source had an identity for the key.</param>
/// <param name="Zones">Minutes of overlap per zone (close contacts, same-hall contacts, staff), most first.</param>
/// <param name="Entrance">The screening in the case's lane (entrance contacts).</param>
/// <param name="Booking">The booking (booked but not seen).</param>
/// <param name="OverlapMinutes">Total minutes of overlap (the union of the overlaps, one decimal); 0 for an entrance contact or a booking.</param>
public sealed record TracedContact(
    string PersonKey,
    string Kind,
    TracedIdentity? Identity,
    bool IdentityUnknown,
    double OverlapMinutes,
    IReadOnlyList<ZoneOverlap> Zones,
    EntranceOverlap? Entrance,
    BookedSlot? Booking);

/// <summary>A masked identity: <c>310***********1234</c>, <c>张*</c>, <c>138****1234</c>.</summary>
public sealed record TracedIdentity(string IdNumberMasked, string NameMasked, string? PhoneMasked);

/// <summary>Minutes of overlap in one zone (the contact's zone).</summary>
public sealed record ZoneOverlap(string ZoneId, double Minutes);

/// <summary>The contact's screening nearest the case's in the same lane.</summary>
public sealed record EntranceOverlap(string? Lane, DateTimeOffset CaseTakenAt, DateTimeOffset TakenAt, double MinutesApart);

/// <summary>A booking whose slot overlapped the case's stays, and whose person was never seen in the hall in the slot ± buffer.</summary>
public sealed record BookedSlot(Guid BookingId, string BookingKind, string State, DateTimeOffset SlotStartsAt, DateTimeOffset SlotEndsAt, bool NeverSeen);
