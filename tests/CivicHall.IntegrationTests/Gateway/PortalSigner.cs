using System.Security.Cryptography;
using CivicHall.Gateway.Portal;

namespace CivicHall.IntegrationTests.Gateway;

/// <summary>Signs requests as the portal does (README "Portal signing"), with knobs to get each part wrong.</summary>
public sealed class PortalSigner(string appKey, string secret, string citizen)
{
    public string AppKey { get; } = appKey;

    public string Citizen { get; } = citizen;

    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A signed request; <paramref name="signedAt"/> defaults to now and <paramref name="nonce"/> to a fresh one.</summary>
    public HttpRequestMessage Sign(HttpMethod method, string pathAndQuery, object? body = null, DateTimeOffset? signedAt = null, string? nonce = null)
    {
        var request = new HttpRequestMessage(method, pathAndQuery);
        var bytes = body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        }

        var uri = new Uri(new Uri("http://gateway"), pathAndQuery);
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        nonce ??= NewNonce();
        var canonical = string.Join('\n', method.Method, uri.AbsolutePath, PortalCanonicalRequest.CanonicalQuery(uri.Query), timestamp, nonce, Citizen,
            Convert.ToHexStringLower(SHA256.HashData(bytes)));
        request.Headers.Add(PortalHeaders.AppKey, AppKey);
        request.Headers.Add(PortalHeaders.Timestamp, timestamp);
        request.Headers.Add(PortalHeaders.Nonce, nonce);
        request.Headers.Add(PortalHeaders.Citizen, Citizen);
        request.Headers.Add(PortalHeaders.Signature, Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(canonical))));
        return request;
    }

    /// <summary>A copy of a signed request (same headers and body), to send again.</summary>
    public static async Task<HttpRequestMessage> CopyAsync(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var (name, values) in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        if (request.Content is not null)
        {
            copy.Content = new ByteArrayContent(await request.Content.ReadAsByteArrayAsync()) { Headers = { ContentType = request.Content.Headers.ContentType } };
        }

        return copy;
    }
}
