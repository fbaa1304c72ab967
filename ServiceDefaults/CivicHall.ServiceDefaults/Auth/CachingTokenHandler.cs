using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CivicHall.ServiceDefaults.Auth;

/// <summary>
/// The JWT bearer handler's token validation, remembering the tokens it found valid until they expire: a
/// client sends the same token with every request for its whole lifetime, and the gateway and then the
/// service each validated it in full every time (signature, JSON, claims), the largest part of the
/// gateway's own cost per proxied request. A token is remembered only once the full validation accepted
/// it, under the exact token text, until its <c>exp</c> (never the clock skew beyond it) and for at most
/// <see cref="MaxLifetime"/>; each request gets its own copy of the identity. Anything not remembered —
/// an unknown, invalid or expired token — is validated in full as before, so a refusal is unchanged.
/// At most <see cref="Capacity"/> tokens are held; past that, expired ones are dropped and new ones are
/// validated without being remembered. Time is the system clock, as IdentityModel's lifetime check uses.
/// </summary>
public sealed class CachingTokenHandler(TimeProvider clock) : JsonWebTokenHandler
{
    /// <summary>The most tokens held at once (a few MB): far more than the callers of one replica in a few minutes.</summary>
    public const int Capacity = 20_000;

    /// <summary>The longest a valid token is remembered, whatever its lifetime.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Remembered> _valid = new(StringComparer.Ordinal);

    /// <summary>How many tokens are held now.</summary>
    public int Count => _valid.Count;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(token);
        var now = clock.GetUtcNow();
        if (_valid.TryGetValue(token, out var known))
        {
            if (now < known.Until)
            {
                return new TokenValidationResult
                {
                    IsValid = true,
                    ClaimsIdentity = known.Identity.Clone(),
                    SecurityToken = known.Token,
                };
            }

            _valid.TryRemove(KeyValuePair.Create(token, known));
        }

        var result = await base.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        if (result.IsValid && result.SecurityToken is { ValidTo: var validTo } && validTo > DateTime.MinValue)
        {
            var until = new DateTimeOffset(DateTime.SpecifyKind(validTo, DateTimeKind.Utc));
            if (until - now > MaxLifetime)
            {
                until = now + MaxLifetime;
            }

            if (until > now && HasRoom(now))
            {
                _valid[token] = new Remembered(result.ClaimsIdentity.Clone(), result.SecurityToken, until);
            }
        }

        return result;
    }

    private bool HasRoom(DateTimeOffset now)
    {
        if (_valid.Count < Capacity)
        {
            return true;
        }

        foreach (var (token, remembered) in _valid)
        {
            if (remembered.Until <= now)
            {
                _valid.TryRemove(KeyValuePair.Create(token, remembered));
            }
        }

        return _valid.Count < Capacity;
    }

    private sealed record Remembered(ClaimsIdentity Identity, SecurityToken Token, DateTimeOffset Until);
}
