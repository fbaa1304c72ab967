using System.Text.RegularExpressions;

namespace CivicHall.ServiceDefaults.PersonalData;

/// <summary>
/// A mainland China phone number as people write it: a mobile (<c>13800001234</c>), a landline with its
/// area code (<c>021-62345678</c>, <c>0571 8888 8888-123</c> with an extension), a local landline
/// without one (<c>62345678</c>), a 400/800 service number, each optionally after <c>+86</c> or
/// <c>0086</c> (a landline then drops the trunk 0: <c>+86 21 6234 5678</c>). Digits may be grouped by
/// single spaces or hyphens; nothing else (no letters, slashes or full-width digits) is a phone number.
/// </summary>
public static partial class PhoneNumber
{
    /// <summary>The longest phone number accepted, separators and prefix included.</summary>
    public const int MaxLength = 24;

    /// <summary>Whether <paramref name="phone"/> (trimmed) is a mainland phone number.</summary>
    public static bool IsValid(string? phone)
    {
        if (phone is null)
        {
            return false;
        }

        var trimmed = phone.Trim();
        if (trimmed.Length is 0 or > MaxLength || !Grouping().IsMatch(trimmed))
        {
            return false;
        }

        var international = InternationalPrefix().Match(trimmed);
        var national = international.Success ? trimmed[international.Length..] : trimmed;
        return international.Success
            ? Mobile().IsMatch(national) || InternationalLandline().IsMatch(national)
            : Mobile().IsMatch(national) || Landline().IsMatch(national) || LocalLandline().IsMatch(national) || ServiceNumber().IsMatch(national);
    }

    /// <summary>An optional <c>+</c>, then groups of ASCII digits separated by one space or hyphen.</summary>
    [GeneratedRegex(@"^\+?[0-9]+(?:[ -][0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Grouping();

    [GeneratedRegex(@"^(?:\+86|0086)[ -]?", RegexOptions.CultureInvariant)]
    private static partial Regex InternationalPrefix();

    /// <summary>11 digits from 13x to 19x: <c>138 0000 1234</c>, <c>138-0000-1234</c>.</summary>
    [GeneratedRegex(@"^1[3-9][0-9](?:[ -]?[0-9]){8}$", RegexOptions.CultureInvariant)]
    private static partial Regex Mobile();

    /// <summary>
    /// An area code (010, 02x, or 0 and three digits from 3 up), a local number of 7–8 digits not starting
    /// with 0 or 1, an optional extension after a hyphen.
    /// </summary>
    [GeneratedRegex(@"^0(?:10|2[0-9]|[3-9][0-9]{2})[ -]?[2-9](?:[ -]?[0-9]){6,7}(?:-[0-9]{1,6})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Landline();

    /// <summary>After +86 the area code drops its trunk 0.</summary>
    [GeneratedRegex(@"^(?:10|2[0-9]|[3-9][0-9]{2})[ -]?[2-9](?:[ -]?[0-9]){6,7}(?:-[0-9]{1,6})?$", RegexOptions.CultureInvariant)]
    private static partial Regex InternationalLandline();

    /// <summary>A local landline without its area code, as a caller in the same city gives it: <c>6234 5678</c>.</summary>
    [GeneratedRegex(@"^[2-9](?:[ -]?[0-9]){6,7}(?:-[0-9]{1,6})?$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalLandline();

    /// <summary>400 and 800 numbers of enterprises: <c>400-820-8820</c>.</summary>
    [GeneratedRegex(@"^[48]00(?:[ -]?[0-9]){7}$", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceNumber();
}
