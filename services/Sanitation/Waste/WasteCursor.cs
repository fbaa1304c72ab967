using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Sanitation.Waste;

/// <summary>
/// Where a page of bags ends: the last bag's bagging time and id, the list's order (newest first). Opaque to
/// callers (base64url); a page never skips or repeats a bag however many are bagged meanwhile (new bags come
/// before the first page, not in the middle).
/// </summary>
public readonly record struct WasteCursor(DateTimeOffset BaggedAt, string BagId)
{
    /// <summary>The longest cursor: 8 bytes of time and a 64-character id, in base64url.</summary>
    public const int MaxLength = 96;

    public string Encode()
    {
        var bytes = new byte[8 + Encoding.ASCII.GetByteCount(BagId)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, BaggedAt.UtcTicks);
        Encoding.ASCII.GetBytes(BagId, bytes.AsSpan(8));
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryParse(string? text, out WasteCursor cursor)
    {
        cursor = default;
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

        var bagId = Encoding.ASCII.GetString(bytes[8..written]);
        if (!Identifier.IsValid(bagId))
        {
            return false;
        }

        cursor = new WasteCursor(new DateTimeOffset(ticks, TimeSpan.Zero), bagId);
        return true;
    }
}
