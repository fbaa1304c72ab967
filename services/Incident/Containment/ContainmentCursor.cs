using System.Buffers.Binary;
using System.Buffers.Text;

namespace CivicHall.Incident.Containment;

/// <summary>
/// Where a page of containment actions ends: the last one's request time and id, the list's order (newest first).
/// Opaque to callers (base64url); a page never skips or repeats an action however many are requested meanwhile.
/// </summary>
public readonly record struct ContainmentCursor(DateTimeOffset RequestedAt, Guid ContainmentId)
{
    public const int Length = 32;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, RequestedAt.UtcTicks);
        ContainmentId.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryParse(string? text, out ContainmentCursor cursor)
    {
        cursor = default;
        if (text is null || text.Length != Length)
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

        cursor = new ContainmentCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[8..], bigEndian: true));
        return true;
    }
}
