using CivicHall.Contracts.Tracing.V1;

namespace CivicHall.Incident.Tracing;

/// <summary>What the sources answered, and the parameters of a run: the input of <see cref="TracingRules.Build"/>.</summary>
public sealed record TracingInputs
{
    public required string CaseKey { get; init; }

    /// <summary>The window's end: a stay still open ends here.</summary>
    public required DateTimeOffset WindowTo { get; init; }

    public TimeSpan Buffer { get; init; }

    public TimeSpan EntranceWindow { get; init; }

    public IReadOnlyList<Presence> CaseStays { get; init; } = [];

    public IReadOnlyList<Presence> Others { get; init; } = [];

    public IReadOnlyList<LaneScreening> CaseScreenings { get; init; } = [];

    public IReadOnlyList<LaneScreening> OtherScreenings { get; init; } = [];

    public IReadOnlyList<TracedBooking> Bookings { get; init; } = [];

    /// <summary>The booked people seen in the hall in their slot ± the buffer; null when occupancy could not say.</summary>
    public IReadOnlySet<string>? Seen { get; init; }

    /// <summary>Masked identities by person key (screening's, then booking's).</summary>
    public IReadOnlyDictionary<string, MaskedIdentity> Identities { get; init; } = new Dictionary<string, MaskedIdentity>(StringComparer.Ordinal);
}

/// <summary>
/// Contact tracing's rules (README "Contact tracing"), pure. The case's stays are widened by the buffer on both
/// sides; an overlap is the intersection of a widened stay and another person's stay, counted only when it lasts
/// (intervals that merely touch overlap 0 and make no contact; with a buffer they overlap by the buffer). A person's
/// overlap is the total of the union of their overlaps, so the same minutes are never counted twice; lists are ranked
/// by that total, most first, then by person key. Staff overlapping in the case's zones are listed under staff, not
/// under close contacts; the case's own person is never on the list.
/// </summary>
public static class TracingRules
{
    public const string Staff = "staff";

    /// <summary>
    /// The exposure window: from <c>daysBefore</c> days before the visit's first day (midnight, hall time) to its end:
    /// the end of a case notice's last day in the hall, or, for a case opened at the hall (no notice days), its opening.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) Window(DateTimeOffset openedAt, IReadOnlyList<DateOnly>? noticeDays, string timeZone, int daysBefore)
    {
        if (noticeDays is { Count: > 0 })
        {
            var first = noticeDays.Min();
            var last = noticeDays.Max();
            return (HallTime.At(timeZone, first.AddDays(-daysBefore), TimeOnly.MinValue), HallTime.At(timeZone, last.AddDays(1), TimeOnly.MinValue));
        }

        var day = HallTime.LocalDate(timeZone, openedAt);
        return (HallTime.At(timeZone, day.AddDays(-daysBefore), TimeOnly.MinValue), openedAt);
    }

    /// <summary>The bookings (not the case's) whose slot overlaps one of the case's widened stays: whose people occupancy is asked whether it saw.</summary>
    public static IReadOnlyList<TracedBooking> BookingCandidates(TracingInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var widened = Widened(inputs);
        return [.. inputs.Bookings
            .Where(b => b.PersonKey != inputs.CaseKey && widened.Any(w => Overlap(w.Start, w.End, b.SlotStartsAt, b.SlotEndsAt) is not null))
            .OrderBy(b => b.SlotStartsAt).ThenBy(b => b.PersonKey, StringComparer.Ordinal).ThenBy(b => b.BookingId)];
    }

    /// <summary>Every person key the list will name, for the identity queries.</summary>
    public static IReadOnlyList<string> PeopleToIdentify(TracingInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return [.. inputs.Others.Select(p => p.PersonKey).Concat(inputs.OtherScreenings.Select(s => s.PersonKey))
            .Where(k => k != inputs.CaseKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public static TracingList Build(TracingInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var widened = Widened(inputs);
        var close = new Dictionary<string, Dictionary<string, List<Interval>>>(StringComparer.Ordinal);
        var hall = new Dictionary<string, Dictionary<string, List<Interval>>>(StringComparer.Ordinal);
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var other in inputs.Others.Where(p => p.PersonKey != inputs.CaseKey))
        {
            var end = other.LeftAt ?? inputs.WindowTo;
            // A person who came as staff once is staff.
            if (!kinds.ContainsKey(other.PersonKey) || other.PersonKind == Staff)
            {
                kinds[other.PersonKey] = other.PersonKind;
            }

            foreach (var w in widened)
            {
                if (Overlap(w.Start, w.End, other.EnteredAt, end) is { } overlap)
                {
                    Add(w.ZoneId == other.ZoneId ? close : hall, other.PersonKey, other.ZoneId, overlap);
                }
            }
        }

        var closeContacts = new List<(TimeSpan Total, TracedContact Contact)>();
        var staff = new List<(TimeSpan Total, TracedContact Contact)>();
        foreach (var (key, zones) in close)
        {
            var entry = Entry(inputs, key, kinds[key], zones);
            (kinds[key] == Staff ? staff : closeContacts).Add(entry);
        }

        var sameHall = hall.Where(h => !close.ContainsKey(h.Key)).Select(h => Entry(inputs, h.Key, kinds[h.Key], h.Value)).ToList();
        var listed = close.Keys.Concat(hall.Keys).ToHashSet(StringComparer.Ordinal);
        return new TracingList(Ranked(closeContacts), Ranked(sameHall), Entrance(inputs), Ranked(staff), BookedNotSeen(inputs, listed));
    }

    private static List<TracedContact> Ranked(List<(TimeSpan Total, TracedContact Contact)> entries) =>
        [.. entries.OrderByDescending(e => e.Total).ThenBy(e => e.Contact.PersonKey, StringComparer.Ordinal).Select(e => e.Contact)];

    private static (TimeSpan Total, TracedContact Contact) Entry(TracingInputs inputs, string key, string kind, Dictionary<string, List<Interval>> zones)
    {
        var total = UnionLength(zones.Values.SelectMany(z => z));
        var perZone = zones.Select(z => (z.Key, Length: UnionLength(z.Value)))
            .OrderByDescending(z => z.Length).ThenBy(z => z.Key, StringComparer.Ordinal)
            .Select(z => new ZoneOverlap(z.Key, Minutes(z.Length))).ToList();
        var (identity, unknown) = IdentityOf(inputs, key, null);
        return (total, new TracedContact(key, kind, identity, unknown, Minutes(total), perZone, null, null));
    }

    private static List<TracedContact> Entrance(TracingInputs inputs)
    {
        var nearest = new Dictionary<string, (TimeSpan Apart, LaneScreening Case, LaneScreening Other)>(StringComparer.Ordinal);
        foreach (var other in inputs.OtherScreenings.Where(s => s.PersonKey != inputs.CaseKey && s.Lane is not null))
        {
            foreach (var own in inputs.CaseScreenings.Where(s => s.Lane == other.Lane))
            {
                var apart = (other.TakenAt - own.TakenAt).Duration();
                if (apart <= inputs.EntranceWindow && (!nearest.TryGetValue(other.PersonKey, out var best) || apart < best.Apart))
                {
                    nearest[other.PersonKey] = (apart, own, other);
                }
            }
        }

        return [.. nearest.OrderBy(n => n.Value.Apart).ThenBy(n => n.Key, StringComparer.Ordinal).Select(n =>
        {
            var (identity, unknown) = IdentityOf(inputs, n.Key, null);
            return new TracedContact(n.Key, n.Value.Other.PersonKind, identity, unknown, 0, [],
                new EntranceOverlap(n.Value.Other.Lane, n.Value.Case.TakenAt, n.Value.Other.TakenAt, Minutes(n.Value.Apart)), null);
        })];
    }

    private static List<TracedContact> BookedNotSeen(TracingInputs inputs, HashSet<string> listed)
    {
        var entries = new List<TracedContact>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var booking in BookingCandidates(inputs))
        {
            if (listed.Contains(booking.PersonKey) || (inputs.Seen?.Contains(booking.PersonKey) ?? false) || !named.Add(booking.PersonKey))
            {
                continue;
            }

            var (identity, unknown) = IdentityOf(inputs, booking.PersonKey, new TracedIdentity(booking.IdNumberMasked, booking.NameMasked, null));
            entries.Add(new TracedContact(booking.PersonKey, booking.Kind == "agent" ? "agent" : "visitor", identity, unknown, 0, [], null,
                new BookedSlot(booking.BookingId, booking.Kind, booking.State, booking.SlotStartsAt, booking.SlotEndsAt, NeverSeen: inputs.Seen is not null)));
        }

        return entries;
    }

    private static (TracedIdentity? Identity, bool Unknown) IdentityOf(TracingInputs inputs, string key, TracedIdentity? fallback) =>
        inputs.Identities.TryGetValue(key, out var found)
            ? (new TracedIdentity(found.IdNumberMasked, found.NameMasked, found.PhoneMasked), false)
            : (fallback, fallback is null);

    private static List<(string ZoneId, DateTimeOffset Start, DateTimeOffset End)> Widened(TracingInputs inputs) =>
        [.. inputs.CaseStays.Select(s => (s.ZoneId, s.EnteredAt - inputs.Buffer, (s.LeftAt ?? inputs.WindowTo) + inputs.Buffer))];

    private static void Add(Dictionary<string, Dictionary<string, List<Interval>>> into, string key, string zoneId, Interval overlap)
    {
        if (!into.TryGetValue(key, out var zones))
        {
            into[key] = zones = new Dictionary<string, List<Interval>>(StringComparer.Ordinal);
        }

        if (!zones.TryGetValue(zoneId, out var intervals))
        {
            zones[zoneId] = intervals = [];
        }

        intervals.Add(overlap);
    }

    /// <summary>The intersection of two intervals when it lasts; null when they are apart or only touch.</summary>
    private static Interval? Overlap(DateTimeOffset aStart, DateTimeOffset aEnd, DateTimeOffset bStart, DateTimeOffset bEnd)
    {
        var start = aStart > bStart ? aStart : bStart;
        var end = aEnd < bEnd ? aEnd : bEnd;
        return end > start ? new Interval(start, end) : null;
    }

    private static TimeSpan UnionLength(IEnumerable<Interval> intervals)
    {
        var total = TimeSpan.Zero;
        DateTimeOffset? start = null;
        DateTimeOffset end = default;
        foreach (var i in intervals.OrderBy(i => i.Start))
        {
            if (start is null || i.Start > end)
            {
                if (start is not null)
                {
                    total += end - start.Value;
                }

                start = i.Start;
                end = i.End;
            }
            else if (i.End > end)
            {
                end = i.End;
            }
        }

        return start is null ? total : total + (end - start.Value);
    }

    private static double Minutes(TimeSpan span) => Math.Round(span.TotalMinutes, 1);

    private readonly record struct Interval(DateTimeOffset Start, DateTimeOffset End);
}
