using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace CivicHall.ServiceDefaults.Requests;

/// <summary>
/// The one grammar of every id a caller chooses (halls, zones, agents, staff, items, window groups,
/// devices, lanes, meetings): <c>[A-Za-z0-9][A-Za-z0-9._-]{0,63}</c> — ASCII letters and digits, then
/// also dot, underscore and hyphen, 1 to 64 characters. An id travels in paths, <c>Location</c>
/// headers, logs and CSV files unescaped, so nothing else is accepted (no spaces, no slashes, no
/// <c>..</c> on its own, no non-ASCII letters).
/// </summary>
public static partial class Identifier
{
    public const int MaxLength = 64;

    /// <summary>The grammar as a regular expression, as the OpenAPI documents state it.</summary>
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    /// <summary>What a caller is told when an id breaks the grammar.</summary>
    public const string Rule = "An id: 1–64 characters, ASCII letters, digits, '.', '_' or '-', starting with a letter or digit.";

    public static bool IsValid([NotNullWhen(true)] string? value) => value is not null && Grammar().IsMatch(value);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
