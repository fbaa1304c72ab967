using System.Buffers.Binary;
using System.Buffers.Text;

namespace CivicHall.Occupancy.Containment;

/// <summary>
/// Where a page of a zone's occupants ends: the last one's entry into the zone (UTC ticks) and the number of that
/// stay, 16 bytes as base64url. Opaque to callers; people moving meanwhile never make a page repeat anyone.
/// </summary>
public readonly record struct OccupantCursor(DateTimeOffset EnteredAt, long StayId)
{
    public const int Length = 22;

    private const int ByteCount = 16;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[ByteCount];
        BinaryPrimitives.WriteInt64BigEndian(bytes, EnteredAt.UtcTicks);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], StayId);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>False for anything that is not a cursor this list gave, never an exception.</summary>
    public static bool TryParse(string? text, out OccupantCursor cursor)
    {
        cursor = default;
        Span<byte> bytes = stackalloc byte[ByteCount];
        if (text is not { Length: Length } || !Base64Url.IsValid(text) || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != ByteCount)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var stay = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks || stay < 0)
        {
            return false;
        }

        cursor = new OccupantCursor(new DateTimeOffset(ticks, TimeSpan.Zero), stay);
        return true;
    }
}
