using System.Globalization;
using System.Text.RegularExpressions;

namespace CivicHall.Booking.Slots;

/// <summary>The form of a slot's id (<c>20261124-0900-social</c>: its date, start and window group).</summary>
public static partial class SlotIds
{
    public const string Pattern = "^[0-9]{8}-[0-9]{4}-[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    public const int MaxLength = 78;

    public static bool IsValid(string slotId) => Grammar().IsMatch(slotId);

    /// <summary>A slot's id within its hall, readable and stable across re-plans: <c>20261124-0900-social-security</c>.</summary>
    public static string For(DateOnly date, TimeOnly start, string group) =>
        string.Create(CultureInfo.InvariantCulture, $"{date:yyyyMMdd}-{start:HHmm}-{group}");

    /// <summary>The date a slot id (from <see cref="For"/>) belongs to, or false when it is not one.</summary>
    public static bool TryParseDate(string slotId, out DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(slotId);
        return DateOnly.TryParseExact(slotId.Length >= 8 ? slotId[..8] : slotId, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
