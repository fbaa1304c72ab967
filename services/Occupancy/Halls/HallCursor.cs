using System.Buffers.Text;
using System.Text;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Occupancy.Halls;

/// <summary>
/// Where a page of the hall list ends: the last hall's id (the list runs by <c>hallId</c>), as base64url. Opaque to
/// callers; a hall added or removed meanwhile never makes a page skip or repeat another.
/// </summary>
public static class HallCursor
{
    /// <summary>The longest cursor: base64url of a 64-character id.</summary>
    public const int MaxLength = 86;

    public static string Encode(string hallId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(hallId));

    /// <summary>False for anything that is not a cursor this list gave (bad alphabet, length, or not an id), never an exception.</summary>
    public static bool TryParse(string? text, out string hallId)
    {
        hallId = string.Empty;
        if (text is not { Length: > 0 and <= MaxLength } || !Base64Url.IsValid(text))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[MaxLength];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written))
        {
            return false;
        }

        // Ids are ASCII: anything else was not made here.
        var id = Encoding.ASCII.GetString(bytes[..written]);
        if (!Identifier.IsValid(id) || Encode(id) != text)
        {
            return false;
        }

        hallId = id;
        return true;
    }
}
