namespace CivicHall.Sanitation.Waste;

/// <summary>
/// Where a page of bags ends: the last bag's bagging time and id, the list's order (newest first). Opaque to
/// callers (base64url); a page never skips or repeats a bag however many are bagged meanwhile (new bags come
/// before the first page, not in the middle).
/// </summary>
public readonly record struct WasteCursor(DateTimeOffset BaggedAt, string BagId)
{
    /// <summary>The longest cursor: 8 bytes of time and a 64-character id, in base64url.</summary>
    public const int MaxLength = TimeTextCursor.MaxLength;

    public string Encode() => TimeTextCursor.Encode(BaggedAt, BagId);

    public static bool TryParse(string? text, out WasteCursor cursor)
    {
        var parsed = TimeTextCursor.TryParse(text, out var at, out var bagId);
        cursor = parsed ? new WasteCursor(at, bagId) : default;
        return parsed;
    }
}
