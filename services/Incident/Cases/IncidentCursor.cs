using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Incident.Cases;

/// <summary>
/// Where a page of cases ends: the last case's opening time and id, the list's order (newest first). Opaque to
/// callers (base64url); a page never skips or repeats a case however many open meanwhile.
/// </summary>
public readonly record struct IncidentCursor(DateTimeOffset OpenedAt, Guid IncidentId)
{
    public const int Length = TimeIdCursor.Length;

    public string Encode() => TimeIdCursor.Encode(OpenedAt, IncidentId);

    public static bool TryParse(string? text, out IncidentCursor cursor)
    {
        var parsed = TimeIdCursor.TryParse(text, out var at, out var id);
        cursor = parsed ? new IncidentCursor(at, id) : default;
        return parsed;
    }
}
