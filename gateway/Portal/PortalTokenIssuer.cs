using System.Collections.Concurrent;
using System.Text;
using CivicHall.ServiceDefaults.Auth;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CivicHall.Gateway.Portal;

/// <summary>
/// The short-lived token a verified portal request travels with: signed with the <c>Authentication:Jwt</c>
/// key the services validate, <c>sub</c> the named citizen, <c>role</c> <c>portal</c> and <c>client_id</c> the
/// app key. One token per (app key, citizen) is reused until half its lifetime is gone, so minting is not per request.
/// </summary>
public sealed class PortalTokenIssuer
{
    public const string ClientIdClaim = "client_id";
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<(string AppKey, string Citizen), (string Header, DateTimeOffset RenewAt)> _cache = new();
    private readonly JwtSettings _jwt;
    private readonly SigningCredentials _credentials;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _timeProvider;
    private readonly JsonWebTokenHandler _handler = new();

    public PortalTokenIssuer(IConfiguration configuration, IHostEnvironment environment, IOptions<PortalOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        _jwt = configuration.GetSection(JwtSettings.SectionName).Get<JwtSettings>() ?? new JwtSettings();
        var key = _jwt.SigningKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            // AddCivicHallAuthentication refuses a missing key outside Development unless an authority is set;
            // with an authority only, the gateway has nothing to sign with.
            key = environment.IsDevelopment() && string.IsNullOrWhiteSpace(_jwt.Authority)
                ? DevelopmentTokens.SigningKey
                : throw new InvalidOperationException(
                    $"Portal clients need {JwtSettings.SectionName}:SigningKey: the gateway signs the token a verified portal request carries.");
        }

        _credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256);
        _lifetime = options.Value.TokenLifetime;
        _timeProvider = timeProvider;
    }

    /// <summary>The <c>Authorization</c> header value (<c>Bearer …</c>) for the citizen the client acts for.</summary>
    public string AuthorizationFor(string appKey, string citizen)
    {
        var now = _timeProvider.GetUtcNow();
        if (_cache.TryGetValue((appKey, citizen), out var cached) && cached.RenewAt > now)
        {
            return cached.Header;
        }

        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        var header = "Bearer " + Mint(appKey, citizen, now);
        _cache[(appKey, citizen)] = (header, now + _lifetime / 2);
        return header;
    }

    private string Mint(string appKey, string citizen, DateTimeOffset now) => _handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = _jwt.Issuer,
        Audience = _jwt.Audience,
        Claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = citizen,
            ["role"] = Roles.Portal,
            [ClientIdClaim] = appKey,
        },
        IssuedAt = now.UtcDateTime,
        NotBefore = now.UtcDateTime,
        Expires = (now + _lifetime).UtcDateTime,
        SigningCredentials = _credentials,
    });
}
