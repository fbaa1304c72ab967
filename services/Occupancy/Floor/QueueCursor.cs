using System.Buffers.Binary;
using System.Buffers.Text;

namespace CivicHall.Occupancy.Floor;

/// <summary>
/// Where a page of the door queue ends: the last entry's place in the queue's order (priority rank, then order of
/// arrival), 12 bytes as base64url. Opaque to callers; people let in meanwhile never make a page repeat anyone.
/// </summary>
public readonly record struct QueueCursor(int Rank, long Seq)
{
    public const int Length = 16;

    private const int ByteCount = 12;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[ByteCount];
        BinaryPrimitives.WriteInt32BigEndian(bytes, Rank);
        BinaryPrimitives.WriteInt64BigEndian(bytes[4..], Seq);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>False for anything that is not a cursor this list gave, never an exception.</summary>
    public static bool TryParse(string? text, out QueueCursor cursor)
    {
        cursor = default;
        Span<byte> bytes = stackalloc byte[ByteCount];
        if (text is not { Length: Length } || !Base64Url.IsValid(text) || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != ByteCount)
        {
            return false;
        }

        cursor = new QueueCursor(BinaryPrimitives.ReadInt32BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes[4..]));
        return cursor.Rank >= 0 && cursor.Seq >= 0;
    }
}
