namespace CivicHall.Contracts.Occupancy.V1;

/// <summary>
/// A hall's day is over for occupancy (published after the hall's local midnight, once per hall, local date and
/// revision): the day's flow counted for the daily report (日报告), no person in it. <c>Revision</c> is 1 at the
/// close and goes up by one each time a late record changes the figures of one of the last closed days.
/// </summary>
/// <param name="Admissions">People let into the hall (past the queue) in the local day.</param>
/// <param name="TurnedAway">Arrivals sent away without being let in (queue closed, hall suspended, left the queue).</param>
/// <param name="PeakInside">The most people inside the hall at once, and <paramref name="PeakInsideAt"/> when it was first reached.</param>
/// <param name="PeakQueue">The most people waiting in the queue at once, and <paramref name="PeakQueueAt"/> when it was first reached.</param>
/// <param name="Exits">People who left the hall in the local day.</param>
public sealed record OccupancyDayClosed(
    string HallId,
    DateOnly LocalDate,
    string TimeZone,
    int Revision,
    int Admissions,
    int TurnedAway,
    int PeakInside,
    DateTimeOffset? PeakInsideAt,
    int PeakQueue,
    DateTimeOffset? PeakQueueAt,
    int Exits,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
