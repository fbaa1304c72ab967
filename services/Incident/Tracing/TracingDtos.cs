namespace CivicHall.Incident.Tracing;

/// <summary>
/// A tracing run as answered: its parameters (window, buffer, entrance window, policy version), whether it is
/// <c>partial</c> and why (<c>missingSources</c>: the sources that did not answer, whose records the list may lack;
/// <c>truncatedSources</c>: those that capped their answer), how many people it names, and the masked list.
/// </summary>
public sealed record TracingView(
    Guid TracingId,
    Guid IncidentId,
    string HallId,
    string PersonKey,
    DateTimeOffset WindowFrom,
    DateTimeOffset WindowTo,
    int BufferMinutes,
    int EntranceWindowMinutes,
    int PolicyVersion,
    bool Partial,
    IReadOnlyList<string> MissingSources,
    IReadOnlyList<string> TruncatedSources,
    int PeopleCount,
    TracingList Contacts,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    public static TracingView From(TracingRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.TracingId, run.IncidentId, run.HallId, run.PersonKey, run.WindowFrom, run.WindowTo, run.BufferMinutes, run.EntranceWindowMinutes,
            run.PolicyVersion, run.Partial, run.MissingSources, run.TruncatedSources, run.PersonKeys.Count, run.Contacts, run.CreatedBy, run.CreatedAt);
    }
}

/// <summary>A page of a case's tracings, newest first, with the cursor of the next page (null at the end).</summary>
public sealed record TracingPageView(IReadOnlyList<TracingView> Items, string? NextCursor);
