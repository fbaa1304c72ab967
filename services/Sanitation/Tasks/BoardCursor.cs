using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Sanitation.Tasks;

/// <summary>
/// Where a board page ends: the last task's window start and id, the board's order. Opaque to callers
/// (base64url), so the order can change without breaking their code; a page never skips or repeats a
/// task however many are added meanwhile.
/// </summary>
public readonly record struct BoardCursor(DateTimeOffset WindowStart, Guid TaskId)
{
    public string Encode() => TimeIdCursor.Encode(WindowStart, TaskId);

    /// <summary>
    /// Checks a list's query (<c>date</c>, <c>limit</c>, <c>cursor</c>), adding a message for each bad one to
    /// <paramref name="errors"/>, and gives the cursor to continue after (default: the first page).
    /// </summary>
    public static BoardCursor CheckPage(Dictionary<string, string[]> errors, DateOnly? date, int? limit, int maxLimit, string? cursor)
    {
        ArgumentNullException.ThrowIfNull(errors);
        SanitationHall.CheckDate(errors, date);

        PageQuery.CheckLimit(errors, limit, maxLimit);
        return PageQuery.CheckTimeIdCursor(errors, cursor) is { } page ? new BoardCursor(page.At, page.Id) : default;
    }

    public static bool TryParse(string? text, out BoardCursor cursor)
    {
        var parsed = TimeIdCursor.TryParse(text, out var at, out var id);
        cursor = parsed ? new BoardCursor(at, id) : default;
        return parsed;
    }
}
