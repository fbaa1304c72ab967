using CivicHall.Sanitation.Plans;

namespace CivicHall.Sanitation.Tasks;

/// <summary>
/// The due tasks of one hall-day, from the plan's rules, the hall's hours and zones and the meetings:
/// pure and deterministic (the same inputs give the same list, in the same order), in the hall's own
/// time zone. Windows are instants (UTC); durations are elapsed time, so a day with a DST change has
/// one hour more or less of around-the-clock windows, never a window of the wrong length.
/// On a day the hall is closed only around-the-clock rules and registered meetings make tasks: the
/// others belong to the opening hours (a closed hall is not staffed for them).
/// </summary>
public static class DueTaskSchedule
{
    public static IReadOnlyList<DueTask> For(
        SanitationHall hall, DateOnly date, IReadOnlyList<SanitationRule> rules, IReadOnlyList<ScheduledMeeting> meetings)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(meetings);
        var hours = hall.HoursOn(date);
        DateTimeOffset? opens = hours is { } h ? hall.At(date, h.Opens) : null;
        DateTimeOffset? closes = hours is { } c ? hall.At(date, c.Closes) : null;
        var tasks = new List<DueTask>();
        foreach (var zone in hall.Zones)
        {
            foreach (var rule in rules.Where(r => r.Covers(zone.ZoneId, zone.Kind)))
            {
                foreach (var (meetingId, occurrence, start, end, minMinutes) in Windows(hall, date, rule, zone.ZoneId, opens, closes, meetings))
                {
                    tasks.Add(new DueTask(zone.ZoneId, zone.Kind, rule.RuleId, rule.Kind, meetingId, occurrence, start, end,
                        rule.Method, rule.Agent, rule.Strength, rule.Target, minMinutes, rule.Kind == RuleKinds.Every && rule.AroundTheClockWhileOccupied,
                        rule.Kind is RuleKinds.Every or RuleKinds.TimesPerDay ? rule.BringForwardAfterVisitors : null));
                }
            }
        }

        return [.. tasks
            .OrderBy(t => t.WindowStart)
            .ThenBy(t => t.ZoneId, StringComparer.Ordinal)
            .ThenBy(t => t.RuleId, StringComparer.Ordinal)
            .ThenBy(t => t.MeetingId, StringComparer.Ordinal)
            .ThenBy(t => t.Occurrence)];
    }

    private static IEnumerable<(string MeetingId, int Occurrence, DateTimeOffset Start, DateTimeOffset End, int? MinMinutes)> Windows(
        SanitationHall hall, DateOnly date, SanitationRule rule, string zoneId, DateTimeOffset? opens, DateTimeOffset? closes,
        IReadOnlyList<ScheduledMeeting> meetings)
    {
        switch (rule.Kind)
        {
            case RuleKinds.Every when rule.AroundTheClockWhileOccupied:
                // The whole local day, open or not: an isolated person may stay past closing. Windows in which
                // the zone stood empty are skipped by the overdue sweep, from occupancy's counts (WhileOccupied).
                return Stepped(hall.At(date, TimeOnly.MinValue), hall.At(date.AddDays(1), TimeOnly.MinValue), TimeSpan.FromHours(rule.EveryHours ?? 2));
            case RuleKinds.Every when opens is { } o && closes is { } c:
                return Stepped(o, c, TimeSpan.FromHours(rule.EveryHours ?? 2));
            case RuleKinds.TimesPerDay when opens is { } o && closes is { } c:
                return Spread(o, c, rule.TimesPerDay ?? 1, null);
            case RuleKinds.Ventilation when opens is { } o && closes is { } c && rule.TimesPerDay is { } times:
                return Spread(o, c, times, rule.MinMinutes);
            case RuleKinds.Ventilation when opens is not null && rule.Windows is { } windows:
                return windows.Select((w, i) => (string.Empty, i + 1, hall.At(date, w.From), hall.At(date, w.To),
                    (int?)(rule.MinMinutes ?? (int)(w.To - w.From).TotalMinutes)));
            case RuleKinds.At when opens is { } o && closes is { } c && rule.Times is { } anchored:
                var length = TimeSpan.FromMinutes(rule.WindowMinutes ?? 30);
                return anchored.Select((t, i) =>
                {
                    var start = t.Anchor switch
                    {
                        Anchors.Opening => o.AddMinutes(t.OffsetMinutes ?? 0),
                        Anchors.Closing => c.AddMinutes(t.OffsetMinutes ?? 0),
                        _ => hall.At(date, t.Time ?? TimeOnly.MinValue),
                    };
                    return (string.Empty, i + 1, start, start + length, (int?)null);
                });
            case RuleKinds.AroundMeetings:
                return meetings
                    .Where(m => m.ZoneId == zoneId && hall.DateAt(m.StartsAt) == date)
                    .OrderBy(m => m.StartsAt).ThenBy(m => m.MeetingId, StringComparer.Ordinal)
                    .SelectMany(m => AroundMeeting(m, rule));
            default:
                return [];
        }
    }

    /// <summary>Back-to-back windows of <paramref name="step"/> from <paramref name="from"/>; the last one ends at <paramref name="to"/>.</summary>
    private static IEnumerable<(string, int, DateTimeOffset, DateTimeOffset, int?)> Stepped(DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        var occurrence = 0;
        for (var start = from; start < to; start += step)
        {
            var end = start + step < to ? start + step : to;
            yield return (string.Empty, ++occurrence, start, end, null);
        }
    }

    /// <summary><paramref name="count"/> equal windows over [from, to), cut at whole minutes.</summary>
    private static IEnumerable<(string, int, DateTimeOffset, DateTimeOffset, int?)> Spread(DateTimeOffset from, DateTimeOffset to, int count, int? minMinutes)
    {
        var minutes = (long)(to - from).TotalMinutes;
        for (var k = 0; k < count; k++)
        {
            yield return (string.Empty, k + 1, from.AddMinutes(minutes * k / count), from.AddMinutes(minutes * (k + 1) / count), minMinutes);
        }
    }

    private static IEnumerable<(string, int, DateTimeOffset, DateTimeOffset, int?)> AroundMeeting(ScheduledMeeting meeting, SanitationRule rule)
    {
        if (rule.MinutesBefore is int before and > 0)
        {
            yield return (meeting.MeetingId, 1, meeting.StartsAt.ToUniversalTime().AddMinutes(-before), meeting.StartsAt.ToUniversalTime(), null);
        }

        if (rule.MinutesAfter is int after and > 0)
        {
            yield return (meeting.MeetingId, 2, meeting.EndsAt.ToUniversalTime(), meeting.EndsAt.ToUniversalTime().AddMinutes(after), null);
        }
    }
}
