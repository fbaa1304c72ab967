using System.Globalization;
using System.Security.Cryptography;
using CivicHall.ServiceDefaults.Problems;
using CivicHall.ServiceDefaults.Requests;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Npgsql;
using Yarp.ReverseProxy.Model;

namespace CivicHall.Gateway.Portal;

/// <summary>
/// Verifies a signed portal request (one carrying any <c>X-CivicHall-*</c> signature header) before
/// authentication runs: the headers complete and well-formed, the app key registered, the timestamp within
/// the window, the signature one of the client's secrets', the matched route one the client may call and
/// the nonce new on every replica. A verified request then carries the token <see cref="PortalTokenIssuer"/>
/// mints for the named citizen instead of its signature headers; the rest of the pipeline (authentication,
/// rate limits, the services) sees it as a portal token's. Other requests pass with five header lookups.
/// Nothing here logs a header or a secret.
/// </summary>
public sealed class PortalSignatureMiddleware
{
    public const int RetryAfterSeconds = 2;

    private readonly RequestDelegate _next;
    private readonly Dictionary<string, (byte[][] Secrets, HashSet<string> Routes)> _clients;
    private readonly TimeSpan _window;
    private readonly long _maxBodyBytes;
    private readonly NonceStore _nonces;
    private readonly PortalTokenIssuer _tokens;
    private readonly TimeProvider _timeProvider;
    private readonly IProblemDetailsService _problems;

    public PortalSignatureMiddleware(
        RequestDelegate next, IOptions<PortalOptions> options, IOptions<RequestLimitsOptions> limits, NonceStore nonces,
        PortalTokenIssuer tokens, TimeProvider timeProvider, IProblemDetailsService problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        _next = next;
        _clients = options.Value.Clients.ToDictionary(
            c => c.Key,
            c => (c.Value.Secrets.Select(s => System.Text.Encoding.UTF8.GetBytes(s)).ToArray(), new HashSet<string>(c.Value.AllowedRoutes, StringComparer.Ordinal)),
            StringComparer.Ordinal);
        _window = options.Value.TimestampWindow;
        _maxBodyBytes = limits.Value.MaxBodyBytes;
        _nonces = nonces;
        _tokens = tokens;
        _timeProvider = timeProvider;
        _problems = problems;
    }

    public static bool IsSigned(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var name in PortalHeaders.All)
        {
            if (headers.ContainsKey(name))
            {
                return true;
            }
        }

        return false;
    }

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return IsSigned(context.Request.Headers) ? VerifyAsync(context) : _next(context);
    }

    private async Task VerifyAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        foreach (var name in PortalHeaders.All)
        {
            if (headers[name] is not [{ Length: > 0 }])
            {
                await RefuseAsync(context, StatusCodes.Status401Unauthorized, PortalProblems.HeadersMissing,
                    new Bilingual($"缺少请求头 {name}（或出现多次）。", $"The header {name} is missing (or given more than once)."));
                return;
            }
        }

        string appKey = headers[PortalHeaders.AppKey]!, timestamp = headers[PortalHeaders.Timestamp]!, nonce = headers[PortalHeaders.Nonce]!,
            citizen = headers[PortalHeaders.Citizen]!, signature = headers[PortalHeaders.Signature]!;
        if (Malformed(timestamp, nonce, citizen) is { } invalid)
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, PortalProblems.HeaderInvalid, invalid);
            return;
        }

        if (!_clients.TryGetValue(appKey, out var client))
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, PortalProblems.AppKeyUnknown,
                new Bilingual("该应用标识未在网关注册。", "No portal client is registered with this app key."));
            return;
        }

        var now = _timeProvider.GetUtcNow();
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture));
        if ((now - signedAt).Duration() > _window)
        {
            var minutes = _window.TotalMinutes.ToString(CultureInfo.InvariantCulture);
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, PortalProblems.TimestampOutOfWindow,
                new Bilingual($"时间戳须在网关时间前后 {minutes} 分钟内（Unix 秒）。", $"The timestamp (Unix seconds) must be within {minutes} minutes of the gateway's clock."));
            return;
        }

        var bodyHash = await HashBodyAsync(context);
        var (path, query) = RawTarget(context);
        var canonical = PortalCanonicalRequest.Build(context.Request.Method, path, query, timestamp, nonce, citizen, bodyHash);
        if (!PortalCanonicalRequest.Verify(canonical, signature, client.Secrets))
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, PortalProblems.SignatureInvalid,
                new Bilingual("签名与请求不符：请核对规范字符串与密钥。", "The signature does not match the request: check the canonical string and the secret."));
            return;
        }

        var route = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId;
        if (route is null || !client.Routes.Contains(route))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, PortalProblems.RouteNotAllowed,
                new Bilingual("该门户应用未获准调用此接口。", "This portal client is not allowed to call this route."));
            return;
        }

        bool fresh;
        try
        {
            fresh = await _nonces.TryRecordAsync(appKey, nonce, now, context.RequestAborted);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !context.RequestAborted.IsCancellationRequested)
        {
            // Fail closed: without the nonces no replica can tell a replay.
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, ProblemCodes.TemporarilyUnavailable,
                new Bilingual("网关暂时无法核验门户请求，请稍后重试。", "The gateway cannot check portal requests right now; retry shortly."));
            return;
        }

        if (!fresh)
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, PortalProblems.NonceReplayed,
                new Bilingual("该随机数已使用过：每个请求须使用新的随机数。", "This nonce was used before: every request needs a new one."));
            return;
        }

        foreach (var name in PortalHeaders.All)
        {
            headers.Remove(name);
        }

        headers.Authorization = _tokens.AuthorizationFor(appKey, citizen);
        await _next(context);
    }

    private static Bilingual? Malformed(string timestamp, string nonce, string citizen)
    {
        if (timestamp.Length is 0 or > 12 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return new Bilingual($"{PortalHeaders.Timestamp} 须为 Unix 秒（十进制整数）。", $"{PortalHeaders.Timestamp} must be Unix seconds (a decimal integer).");
        }

        if (nonce.Length is < 16 or > 64 || !nonce.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return new Bilingual($"{PortalHeaders.Nonce} 须为 16–64 个 A-Z、a-z、0-9、_ 或 - 字符。", $"{PortalHeaders.Nonce} must be 16–64 characters of A-Z, a-z, 0-9, '_' or '-'.");
        }

        return Identifier.IsValid(citizen)
            ? null
            : new Bilingual($"{PortalHeaders.Citizen} 须为合法标识：{Identifier.Rule}", $"{PortalHeaders.Citizen}: {Identifier.Rule}");
    }

    /// <summary>The lowercase hex SHA-256 of the body, which stays readable for the proxy (buffered, at most Requests:MaxBodyBytes).</summary>
    private async Task<string> HashBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return PortalCanonicalRequest.EmptyBodyHash;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = _maxBodyBytes;
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: _maxBodyBytes);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The path and query as the client sent them (percent-encoded), not as the server decoded them.</summary>
    private static (string Path, string? Query) RawTarget(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return ((context.Request.PathBase + context.Request.Path).ToUriComponent(), context.Request.QueryString.Value);
        }

        var question = raw.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? (raw, null) : (raw[..question], raw[question..]);
    }

    private Task RefuseAsync(HttpContext context, int status, string code, Bilingual detail)
    {
        context.Response.StatusCode = status;
        return _problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new LocalizedProblemDetails { Status = status, LocalizedDetail = detail, Extensions = { ["code"] = code } },
        }).AsTask();
    }
}
