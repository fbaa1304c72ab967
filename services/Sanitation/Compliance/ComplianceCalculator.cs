using CivicHall.Sanitation.Plans;
using CivicHall.Sanitation.Tasks;

namespace CivicHall.Sanitation.Compliance;

/// <summary>What the figures need of a task.</summary>
public sealed record TaskFact(string ZoneKind, string RuleKind, TaskState State, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, int? MinMinutes, bool WhileOccupied = false);

/// <summary>What the figures need of an airing record: the zone's kind and how long the windows were open.</summary>
public sealed record AiringFact(string ZoneKind, DateTimeOffset StartedAt, DateTimeOffset EndedAt);

/// <summary>
/// A hall-day's disinfection compliance from its tasks and airing records (pure). A task counts once:
/// <c>done</c> on time, <c>late</c>, <c>missed</c> (marked so, or still <c>due</c> though its window ended
/// before <c>missedBefore</c>: the window's end plus the plan's grace has passed and the overdue sweep
/// will mark it; not a window that applies only while its zone is occupied, which the sweep may find empty and
/// skip), <c>open</c> (due and still in time or not yet judged, or a terminal disinfection awaiting its confirmation),
/// or <c>skipped</c> (no longer planned; not in <c>planned</c>). Airing: whole minutes recorded, against the
/// minutes the ventilation rules planned (a window's <c>minMinutes</c>, or the whole window when it is a
/// fixed one).
/// </summary>
public static class ComplianceCalculator
{
    public static ComplianceFigures Compute(IEnumerable<TaskFact> tasks, IEnumerable<AiringFact> airings, DateTimeOffset missedBefore)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(airings);
        var kinds = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var total = new Tally();
        foreach (var task in tasks)
        {
            var tally = TallyOf(kinds, task.ZoneKind);
            tally.Count(task, missedBefore);
            total.Count(task, missedBefore);
        }

        foreach (var airing in airings)
        {
            var minutes = Minutes(airing.StartedAt, airing.EndedAt);
            TallyOf(kinds, airing.ZoneKind).VentilationMinutes += minutes;
            total.VentilationMinutes += minutes;
        }

        return new ComplianceFigures([.. kinds.Select(k => new ZoneKindFigures(k.Key, k.Value.Figures()))], total.Figures());
    }

    private static Tally TallyOf(SortedDictionary<string, Tally> kinds, string zoneKind)
    {
        if (!kinds.TryGetValue(zoneKind, out var tally))
        {
            tally = new Tally();
            kinds.Add(zoneKind, tally);
        }

        return tally;
    }

    private static int Minutes(DateTimeOffset from, DateTimeOffset to) => to > from ? (int)Math.Floor((to - from).TotalMinutes) : 0;

    private sealed class Tally
    {
        private int _planned;
        private int _done;
        private int _late;
        private int _missed;
        private int _open;
        private int _skipped;
        private int _ventilationPlanned;

        public int VentilationMinutes { get; set; }

        public void Count(TaskFact task, DateTimeOffset missedBefore)
        {
            if (task.State == TaskState.Skipped)
            {
                _skipped++;
                return;
            }

            _planned++;
            switch (task.State)
            {
                case TaskState.Done:
                    _done++;
                    break;
                case TaskState.Late:
                    _late++;
                    break;
                case TaskState.Missed:
                case TaskState.Due when task.WindowEnd < missedBefore && !task.WhileOccupied:
                    _missed++;
                    break;
                default:
                    _open++;
                    break;
            }

            if (task.RuleKind == RuleKinds.Ventilation)
            {
                _ventilationPlanned += task.MinMinutes ?? Minutes(task.WindowStart, task.WindowEnd);
            }
        }

        public TaskFigures Figures() => new(_planned, _done, _late, _missed, _open, _skipped, VentilationMinutes, _ventilationPlanned);
    }
}
