namespace CivicHall.Contracts.Tracing.V1;

// Internal queries incident makes at tracing time (DESIGN §4 incident: contact tracing). They are not events: each
// is the body and answer of one `POST /internal/v1/halls/{hallId}/tracing/...` call on the service that owns the
// records, reached through service discovery (never the gateway), with the caller's own bearer token forwarded so
// that the owner checks the role and records who read. Versioned by namespace like the events.

/// <summary>Occupancy, <c>…/tracing/presences</c>: the case person's zone stays in the window, and everyone else's
/// stays in the hall that overlap any of them once widened by <see cref="BufferMinutes"/> on both sides.</summary>
public sealed record PresenceQuery(string PersonKey, DateTimeOffset From, DateTimeOffset To, int BufferMinutes);

/// <summary>The answer to <see cref="PresenceQuery"/>; <see cref="Truncated"/> when the owner capped the list.</summary>
public sealed record PresenceAnswer(IReadOnlyList<Presence> Case, IReadOnlyList<Presence> Others, bool Truncated);

/// <summary>One stay of one person in one zone; <see cref="LeftAt"/> null while still there.</summary>
/// <param name="PersonKind">visitor, staff, courier or agent (as screening admitted them).</param>
public sealed record Presence(string PersonKey, string PersonKind, string ZoneId, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt);

/// <summary>Occupancy, <c>…/tracing/seen</c>: which of these people had any stay in the hall in the window.</summary>
public sealed record SeenQuery(IReadOnlyList<string> PersonKeys, DateTimeOffset From, DateTimeOffset To);

/// <summary>The answer to <see cref="SeenQuery"/>: the keys among those asked that were seen.</summary>
public sealed record SeenAnswer(IReadOnlyList<string> Seen);

/// <summary>Screening, <c>…/tracing/screenings</c>: the case person's screenings in the window, and everyone else's
/// screenings in the same lane within <see cref="WindowMinutes"/> of one of them.</summary>
public sealed record LaneQuery(string PersonKey, DateTimeOffset From, DateTimeOffset To, int WindowMinutes);

/// <summary>The answer to <see cref="LaneQuery"/>.</summary>
public sealed record LaneAnswer(IReadOnlyList<LaneScreening> Case, IReadOnlyList<LaneScreening> Others, bool Truncated);

/// <summary>One screening: who (by key), of which kind, in which lane, when.</summary>
public sealed record LaneScreening(string PersonKey, string PersonKind, string? Lane, DateTimeOffset TakenAt);

/// <summary>Screening or booking, <c>…/tracing/identities</c>: the masked identity of each of these people, from their
/// latest record at the hall (people the owner has no record of are left out of the answer).</summary>
public sealed record IdentityQuery(IReadOnlyList<string> PersonKeys);

/// <summary>The answer to <see cref="IdentityQuery"/>.</summary>
public sealed record IdentityAnswer(IReadOnlyList<MaskedIdentity> People);

/// <summary>A person as anyone may see them: <c>310***********1234</c>, <c>张*</c>, <c>138****1234</c>.</summary>
public sealed record MaskedIdentity(string PersonKey, string PersonKind, string IdNumberMasked, string NameMasked, string? PhoneMasked);

/// <summary>Screening or booking, <c>…/tracing/identities/clear</c>: these people in clear for an approved export of a
/// tracing list. The owner decrypts, and records one personal-data read per person (who: the caller; why:
/// <see cref="Reason"/>; which list: <see cref="ListId"/>; requested and approved by whom) before answering.</summary>
public sealed record ClearIdentityQuery(
    IReadOnlyList<string> PersonKeys,
    string ListId,
    string Reason,
    string RequestedBy,
    string ApprovedBy);

/// <summary>The answer to <see cref="ClearIdentityQuery"/> (people the owner has no record of are left out).</summary>
public sealed record ClearIdentityAnswer(IReadOnlyList<ClearIdentity> People);

/// <summary>A person in clear, for the health authority only.</summary>
public sealed record ClearIdentity(string PersonKey, string IdNumber, string Name, string? Phone);

/// <summary>Booking, <c>…/tracing/bookings</c>: the hall's bookings (not cancelled or moved away) whose slot overlaps the window.</summary>
public sealed record BookingQuery(DateTimeOffset From, DateTimeOffset To);

/// <summary>The answer to <see cref="BookingQuery"/>.</summary>
public sealed record BookingAnswer(IReadOnlyList<TracedBooking> Bookings, bool Truncated);

/// <summary>One booking, masked.</summary>
/// <param name="Kind">regular, special_group, agent or green_channel.</param>
/// <param name="State">The booking's state (confirmed, checked_in, served, no_show…).</param>
public sealed record TracedBooking(
    Guid BookingId,
    string PersonKey,
    string Kind,
    string State,
    DateTimeOffset SlotStartsAt,
    DateTimeOffset SlotEndsAt,
    string IdNumberMasked,
    string NameMasked);
