using System.Buffers.Text;
using System.Text;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Booking.Items;

/// <summary>
/// Where a page of a hall's items ends: the last item's window group and id (the list's order), as base64url.
/// Opaque to callers; an item added or withdrawn meanwhile never makes a page skip or repeat another.
/// </summary>
public readonly record struct ServiceItemCursor(string WindowGroup, string ItemId)
{
    /// <summary>The longest cursor: base64url of two 64-character ids and the space between them.</summary>
    public const int MaxLength = 172;

    public string Encode() => Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{WindowGroup} {ItemId}"));

    /// <summary>False for anything that is not a cursor this list gave (bad alphabet, length, or not two ids), never an exception.</summary>
    public static bool TryParse(string? text, out ServiceItemCursor cursor)
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

        var parts = Encoding.ASCII.GetString(bytes[..written]).Split(' ');
        if (parts is not [var group, var item] || !Identifier.IsValid(group) || !Identifier.IsValid(item))
        {
            return false;
        }

        cursor = new ServiceItemCursor(group, item);
        return cursor.Encode() == text;
    }
}
