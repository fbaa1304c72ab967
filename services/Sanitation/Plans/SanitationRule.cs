namespace CivicHall.Sanitation.Plans;

/// <summary>
/// One rule of a plan: which zones it covers (every zone of <see cref="ZoneKinds"/>, or only the listed
/// <see cref="ZoneIds"/> of those kinds), what is done (<see cref="Method"/>, <see cref="Agent"/> at a
/// strength within <see cref="Strength"/>, on <see cref="Target"/>: surfaces, handrails, bins…) and when
/// (<see cref="Kind"/> with the fields of that kind). Rules are additive: a zone gets the tasks of every
/// rule that covers it, so "handrails 4× a day" and "public areas 3× a day" both apply to a service floor.
/// </summary>
/// <param name="RuleId">Stable id within the plan: part of each task's identity, so a new version that keeps it keeps its tasks.</param>
/// <param name="Kind">One of <see cref="RuleKinds"/>.</param>
/// <param name="ZoneKinds">The zone kinds the rule covers.</param>
/// <param name="ZoneIds">When given, only these zones (of those kinds).</param>
/// <param name="Target">What in the zone: surfaces, handrails and door handles, covered bins, terminals…</param>
/// <param name="Method">One of <see cref="Methods"/>.</param>
/// <param name="Agent">One of <see cref="Agents"/>; none for airing.</param>
/// <param name="Strength">The agent's allowed strength; none for airing.</param>
/// <param name="EveryHours">For <c>every</c>: one task in each window of this many hours.</param>
/// <param name="AroundTheClockWhileOccupied">
/// For <c>every</c>: windows run over the whole local day (the isolation area), not just the opening hours, and
/// one in which the zone stood empty throughout is skipped (<c>zone_unoccupied</c>) instead of overdue.
/// </param>
/// <param name="TimesPerDay">For <c>timesPerDay</c> and <c>ventilation</c>: that many equal windows over the opening hours.</param>
/// <param name="Times">For <c>at</c>: the times each task starts, relative to opening, closing or the clock.</param>
/// <param name="WindowMinutes">For <c>at</c>: how long each task's window is.</param>
/// <param name="Windows">For <c>ventilation</c>: fixed local windows (8:00–8:30…), instead of <see cref="TimesPerDay"/>.</param>
/// <param name="MinMinutes">For <c>ventilation</c>: the least airing each task needs.</param>
/// <param name="MinutesBefore">For <c>aroundMeetings</c>: the window before each meeting's start.</param>
/// <param name="MinutesAfter">For <c>aroundMeetings</c>: the window after each meeting's end.</param>
/// <param name="BringForwardAfterVisitors">
/// For <c>every</c> and <c>timesPerDay</c>: once a zone has received this many visitors since the last record of
/// one of the rule's tasks there, its next task of the day starts now (none: never brought forward).
/// </param>
public sealed record SanitationRule(
    string RuleId,
    string Kind,
    IReadOnlyList<string> ZoneKinds,
    IReadOnlyList<string>? ZoneIds,
    string? Target,
    string Method,
    string? Agent,
    Strength? Strength,
    int? EveryHours = null,
    bool AroundTheClockWhileOccupied = false,
    int? TimesPerDay = null,
    IReadOnlyList<AnchoredTime>? Times = null,
    int? WindowMinutes = null,
    IReadOnlyList<ClockWindow>? Windows = null,
    int? MinMinutes = null,
    int? MinutesBefore = null,
    int? MinutesAfter = null,
    int? BringForwardAfterVisitors = null)
{
    /// <summary>Whether the rule covers a zone of the hall.</summary>
    public bool Covers(string zoneId, string zoneKind) =>
        ZoneKinds.Contains(zoneKind, StringComparer.Ordinal) && (ZoneIds is null || ZoneIds.Contains(zoneId, StringComparer.Ordinal));
}

/// <summary>The allowed strength of an agent: <see cref="Min"/> to <see cref="Max"/> in <see cref="Unit"/> (<c>mg/L</c> or <c>%</c>).</summary>
public sealed record Strength(decimal Min, decimal Max, string Unit);

/// <summary>
/// A time of day a task starts: <see cref="OffsetMinutes"/> from the hall's opening or closing on that
/// day (<c>opening</c>, <c>closing</c>), or a local clock time (<c>clock</c>, <see cref="Time"/>).
/// </summary>
public sealed record AnchoredTime(string Anchor, int? OffsetMinutes = null, TimeOnly? Time = null);

/// <summary>A fixed local window, e.g. 12:00–14:00.</summary>
public sealed record ClockWindow(TimeOnly From, TimeOnly To);
