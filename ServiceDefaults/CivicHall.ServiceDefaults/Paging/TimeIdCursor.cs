using System.Buffers.Binary;
using System.Buffers.Text;

namespace CivicHall.ServiceDefaults.Paging;

/// <summary>
/// The text of a list's cursor when the list is ordered by an instant and then a UUID (newest first or in time
/// order): 8 bytes of UTC ticks and 16 of the id, base64url, always <see cref="Length"/> characters. Opaque to
/// callers, so the order can change without breaking their code; each list wraps it in a cursor named for its rows.
/// </summary>
public static class TimeIdCursor
{
    public const int Length = 32;

    private const int ByteCount = 24;

    public static string Encode(DateTimeOffset at, Guid id)
    {
        Span<byte> bytes = stackalloc byte[ByteCount];
        BinaryPrimitives.WriteInt64BigEndian(bytes, at.UtcTicks);
        id.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>False for anything that is not a cursor this encoded (wrong length, alphabet or time), never an exception.</summary>
    public static bool TryParse(string? text, out DateTimeOffset at, out Guid id)
    {
        at = default;
        id = default;
        if (text is null || text.Length != Length)
        {
            return false;
        }

        // TryDecodeFromChars throws on a character outside the alphabet (a 500): check first.
        Span<byte> bytes = stackalloc byte[ByteCount];
        if (!Base64Url.IsValid(text) || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != ByteCount)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        at = new DateTimeOffset(ticks, TimeSpan.Zero);
        id = new Guid(bytes[8..], bigEndian: true);
        return true;
    }
}
