using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CivicHall.Booking.Calls;

/// <summary>Where a page of a hall's calls ends: the last call's id (the list's order, newest first), as base64url. Opaque to callers.</summary>
public readonly record struct CallCursor(long CallId)
{
    public const int MaxLength = 40;

    public string Encode() => Base64Url.EncodeToString(Encoding.ASCII.GetBytes("call " + CallId.ToString(CultureInfo.InvariantCulture)));

    /// <summary>False for anything that is not a cursor this list gave, never an exception.</summary>
    public static bool TryParse(string? text, out CallCursor cursor)
    {
        cursor = default;
        if (text is not { Length: > 0 and <= MaxLength } || !Base64Url.IsValid(text))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[MaxLength];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written))
        {
            return false;
        }

        var decoded = Encoding.ASCII.GetString(bytes[..written]);
        if (!decoded.StartsWith("call ", StringComparison.Ordinal)
            || !long.TryParse(decoded.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return false;
        }

        cursor = new CallCursor(id);
        return cursor.Encode() == text;
    }
}
