namespace CivicHall.ServiceDefaults.Paging;

/// <summary>The checks of a list's <c>limit</c> and <c>cursor</c> query parameters, with one message each for every list.</summary>
public static class PageQuery
{
    public const string NotACursor = "Not a cursor this list gave: pass the previous page's nextCursor unchanged.";

    /// <summary>Adds the answer for a <c>limit</c> outside 1…<paramref name="maxLimit"/> (absent is fine).</summary>
    public static void CheckLimit(Dictionary<string, string[]> errors, int? limit, int maxLimit)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (limit < 1 || limit > maxLimit)
        {
            errors["limit"] = [$"From 1 to {maxLimit}."];
        }
    }

    /// <summary>Reads a list's own cursor type: <c>TryParse(text, out cursor)</c>.</summary>
    public delegate bool CursorParser<TCursor>(string text, out TCursor cursor);

    /// <summary>
    /// The cursor <paramref name="cursor"/> names, read by the list's own <paramref name="parse"/>; null when absent,
    /// or when it is not one the list gave (then the answer is added).
    /// </summary>
    public static TCursor? CheckCursor<TCursor>(Dictionary<string, string[]> errors, string? cursor, CursorParser<TCursor> parse)
        where TCursor : struct
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(parse);
        if (cursor is null)
        {
            return null;
        }

        if (parse(cursor, out var parsed))
        {
            return parsed;
        }

        errors["cursor"] = [NotACursor];
        return null;
    }

    /// <summary>The (instant, id) a <see cref="TimeIdCursor"/> names; null when absent, or when bad (then the answer is added).</summary>
    public static (DateTimeOffset At, Guid Id)? CheckTimeIdCursor(Dictionary<string, string[]> errors, string? cursor)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (cursor is null)
        {
            return null;
        }

        if (TimeIdCursor.TryParse(cursor, out var at, out var id))
        {
            return (at, id);
        }

        errors["cursor"] = [NotACursor];
        return null;
    }
}
