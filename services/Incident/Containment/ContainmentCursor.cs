using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Incident.Containment;

/// <summary>
/// Where a page of containment actions ends: the last one's request time and id, the list's order (newest first).
/// Opaque to callers (base64url); a page never skips or repeats an action however many are requested meanwhile.
/// </summary>
public readonly record struct ContainmentCursor(DateTimeOffset RequestedAt, Guid ContainmentId)
{
    public const int Length = TimeIdCursor.Length;

    public string Encode() => TimeIdCursor.Encode(RequestedAt, ContainmentId);

    public static bool TryParse(string? text, out ContainmentCursor cursor)
    {
        var parsed = TimeIdCursor.TryParse(text, out var at, out var id);
        cursor = parsed ? new ContainmentCursor(at, id) : default;
        return parsed;
    }
}
