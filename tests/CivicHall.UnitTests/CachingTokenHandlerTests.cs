using System.Text;
using CivicHall.ServiceDefaults.Auth;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace CivicHall.UnitTests;

/// <summary>
/// Remembering valid tokens must change nothing a caller can see: only a token the full validation accepted is
/// remembered, under its exact text, until its expiry or <see cref="CachingTokenHandler.MaxLifetime"/>. The full
/// validations are counted through the lifetime validator, which only they call.
/// </summary>
public sealed class CachingTokenHandlerTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private int _fullValidations;

    private TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "civichall",
        ValidAudience = "civichall-api",
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(DevelopmentTokens.SigningKey)),
        NameClaimType = "sub",
        RoleClaimType = "role",
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            Interlocked.Increment(ref _fullValidations);
            var now = _clock.GetUtcNow().UtcDateTime;
            return (notBefore is null || notBefore <= now) && expires > now;
        },
    };

    private string Token(TimeSpan lifetime, string subject = "citizen-1") =>
        DevelopmentTokens.Create(["citizen"], subject, _clock, lifetime);

    [Fact]
    public async Task A_valid_token_is_validated_once_and_each_request_gets_its_own_identity()
    {
        var handler = new CachingTokenHandler(_clock) { MapInboundClaims = false };
        var token = Token(TimeSpan.FromMinutes(5));

        var first = await handler.ValidateTokenAsync(token, Parameters());
        var second = await handler.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, _fullValidations);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal("citizen-1", second.ClaimsIdentity.Name);
        Assert.True(second.ClaimsIdentity.HasClaim("role", "citizen"));
        Assert.Same(first.SecurityToken, second.SecurityToken);
    }

    [Fact]
    public async Task A_token_differing_by_one_character_from_a_remembered_one_is_validated_and_refused()
    {
        var handler = new CachingTokenHandler(_clock) { MapInboundClaims = false };
        var token = Token(TimeSpan.FromMinutes(5));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters())).IsValid);

        var tampered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        var refused = await handler.ValidateTokenAsync(tampered, Parameters());

        Assert.False(refused.IsValid);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task A_token_is_validated_again_from_its_expiry_on_and_then_refused()
    {
        var handler = new CachingTokenHandler(_clock) { MapInboundClaims = false };
        var token = Token(TimeSpan.FromMinutes(2));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters())).IsValid);

        _clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.Equal(1, _fullValidations);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await handler.ValidateTokenAsync(token, Parameters());
        Assert.False(expired.IsValid);
        Assert.Equal(2, _fullValidations);
        Assert.Equal(0, handler.Count);
    }

    [Fact]
    public async Task A_long_lived_token_is_validated_in_full_again_after_the_longest_time_one_is_remembered()
    {
        var handler = new CachingTokenHandler(_clock) { MapInboundClaims = false };
        var token = Token(TimeSpan.FromHours(8));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters())).IsValid);

        _clock.Advance(CachingTokenHandler.MaxLifetime);
        Assert.True((await handler.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.Equal(2, _fullValidations);
    }

    [Fact]
    public async Task An_invalid_token_is_never_remembered()
    {
        var handler = new CachingTokenHandler(_clock) { MapInboundClaims = false };
        var forged = DevelopmentTokens.Create(["ops"], "forger", _clock, TimeSpan.FromMinutes(5), signingKey: "another-key-that-is-at-least-32-bytes-long!!");

        Assert.False((await handler.ValidateTokenAsync(forged, Parameters())).IsValid);
        Assert.False((await handler.ValidateTokenAsync(forged, Parameters())).IsValid);
        Assert.Equal(0, handler.Count);
    }
}
