using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Sanitation;

/// <summary>
/// The text of a cursor for a list ordered by an instant and then an id a caller chose (the repo's id grammar):
/// 8 bytes of UTC ticks and the id's ASCII, base64url. Opaque to callers; each list wraps it in a cursor named
/// for its rows (waste bags, meetings).
/// </summary>
public static class TimeTextCursor
{
    /// <summary>The longest cursor: 8 bytes of time and a 64-character id, in base64url.</summary>
    public const int MaxLength = 96;

    public static string Encode(DateTimeOffset at, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var bytes = new byte[8 + Encoding.ASCII.GetByteCount(id)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, at.UtcTicks);
        Encoding.ASCII.GetBytes(id, bytes.AsSpan(8));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>False for anything that is not a cursor this encoded (length, alphabet, time, id grammar), never an exception.</summary>
    public static bool TryParse(string? text, out DateTimeOffset at, out string id)
    {
        at = default;
        id = string.Empty;
        if (text is null || text.Length is < 12 or > MaxLength)
        {
            return false;
        }

        // TryDecodeFromChars throws on a character outside the alphabet: check first.
        Span<byte> bytes = stackalloc byte[MaxLength];
        if (!Base64Url.IsValid(text) || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written < 9)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        var parsed = Encoding.ASCII.GetString(bytes[8..written]);
        if (!Identifier.IsValid(parsed))
        {
            return false;
        }

        at = new DateTimeOffset(ticks, TimeSpan.Zero);
        id = parsed;
        return true;
    }
}
