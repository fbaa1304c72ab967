namespace CivicHall.Sanitation.Plans;

/// <summary>
/// What follows a stored plan version: the due tasks of today and tomorrow are generated again
/// (<c>TaskDays</c> implements it, so plans need not know tasks and the folders stay one way). Best
/// effort: the version is committed, and a failure is left to the sweep.
/// </summary>
public interface IPlanAddedHandler
{
    Task PlanAddedAsync(string hallId, string timeZone, CancellationToken cancellationToken);
}
