using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CivicHall.ServiceDefaults.Auth;

/// <summary>
/// Tokens for local runs and tests, signed with a key that is public in this repository and
/// therefore refused by every process that does not run in the Development environment.
/// </summary>
public static class DevelopmentTokens
{
    public const string SigningKey = "civichall-development-signing-key-not-for-production-use";

    public static string Create(
        IEnumerable<string> roles,
        string subject,
        TimeProvider timeProvider,
        TimeSpan? lifetime = null,
        string signingKey = SigningKey,
        string issuer = "civichall",
        string audience = "civichall-api")
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange(roles.Select(role => new Claim("role", role)));

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
