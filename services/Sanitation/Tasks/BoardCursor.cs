using System.Buffers.Binary;
using System.Buffers.Text;

namespace CivicHall.Sanitation.Tasks;

/// <summary>
/// Where a board page ends: the last task's window start and id, the board's order. Opaque to callers
/// (base64url), so the order can change without breaking their code; a page never skips or repeats a
/// task however many are added meanwhile.
/// </summary>
public readonly record struct BoardCursor(DateTimeOffset WindowStart, Guid TaskId)
{
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, WindowStart.UtcTicks);
        TaskId.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>
    /// Checks a list's query (<c>date</c>, <c>limit</c>, <c>cursor</c>), adding a message for each bad one to
    /// <paramref name="errors"/>, and gives the cursor to continue after (default: the first page).
    /// </summary>
    public static BoardCursor CheckPage(Dictionary<string, string[]> errors, DateOnly? date, int? limit, int maxLimit, string? cursor)
    {
        ArgumentNullException.ThrowIfNull(errors);
        SanitationHall.CheckDate(errors, date);

        if (limit < 1 || limit > maxLimit)
        {
            errors["limit"] = [$"From 1 to {maxLimit}."];
        }

        var after = default(BoardCursor);
        if (cursor is not null && !TryParse(cursor, out after))
        {
            errors["cursor"] = ["Not a cursor this list gave: pass the previous page's nextCursor unchanged."];
        }

        return after;
    }

    public static bool TryParse(string? text, out BoardCursor cursor)
    {
        cursor = default;
        if (text is null || text.Length != 32)
        {
            return false;
        }

        // TryDecodeFromChars throws on a character outside the alphabet (a 500): check first.
        Span<byte> bytes = stackalloc byte[24];
        if (!Base64Url.IsValid(text) || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != 24)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new BoardCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[8..], bigEndian: true));
        return true;
    }
}
