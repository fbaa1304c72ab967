namespace CivicHall.Sanitation.Meetings;

/// <summary>
/// What follows a committed meeting change: the local dates it touches get their tasks again (<c>TaskDays</c>
/// implements it, for the days it generates on demand, so meetings need not know tasks). Best effort: the
/// sweep catches up.
/// </summary>
public interface IMeetingDaysChangedHandler
{
    Task MeetingDaysChangedAsync(string hallId, string timeZone, IReadOnlyCollection<DateOnly> dates, CancellationToken cancellationToken);
}
