using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CivicHall.Gateway.Portal;

/// <summary>
/// The string a portal signs, newline-joined: method (upper case), the path as sent (percent-encoded,
/// without the query), the canonical query, the timestamp, the nonce, the citizen and the lowercase hex
/// SHA-256 of the body (of the empty string when there is none). The canonical query is every parameter
/// percent-decoded then encoded again by RFC 3986 (unreserved characters as they are, every other byte of
/// the UTF-8 as <c>%XX</c> in upper case; <c>+</c> is a plus, not a space), sorted by name then value
/// (ordinal) and joined as <c>name=value</c> with <c>&amp;</c>; empty when there is none.
/// </summary>
public static class PortalCanonicalRequest
{
    /// <summary>SHA-256 of no body, in lowercase hex.</summary>
    public const string EmptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static string Build(string method, string path, string? query, string timestamp, string nonce, string citizen, string bodyHash)
    {
        ArgumentNullException.ThrowIfNull(method);
        return string.Join('\n', method.ToUpperInvariant(), path, CanonicalQuery(query), timestamp, nonce, citizen, bodyHash);
    }

    /// <summary>The query (with or without its leading <c>?</c>) in canonical form.</summary>
    public static string CanonicalQuery(string? query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return string.Empty;
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add((Encode(Uri.UnescapeDataString(name)), Encode(Uri.UnescapeDataString(value))));
        }

        pairs.Sort((a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>RFC 3986: unreserved characters as they are, everything else <c>%XX</c> (upper-case hex) of its UTF-8.</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);

    public static string HashHex(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>Base64 of HMAC-SHA256 of the canonical string (UTF-8) with the secret (UTF-8).</summary>
    public static string Sign(string canonical, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(canonical)));

    /// <summary>Whether <paramref name="signature"/> (base64) is the HMAC of <paramref name="canonical"/> under one of the secrets, compared in constant time.</summary>
    public static bool Verify(string canonical, string signature, IReadOnlyList<byte[]> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        Span<byte> given = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signature, given, out var length) || length != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        var data = Encoding.UTF8.GetBytes(canonical);
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var match = false;
        foreach (var secret in secrets)
        {
            HMACSHA256.HashData(secret, data, expected);
            // Every secret is tried, whichever matches: the time taken says nothing of which one did.
            match |= CryptographicOperations.FixedTimeEquals(expected, given[..length]);
        }

        return match;
    }

    public static string FormatTimestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
