using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivicHall.Gateway.Development;

/// <summary>
/// <c>POST /dev/token?role=ops[,screener…]&amp;subject=alice</c>: a token signed with the configured
/// <c>Authentication:Jwt:SigningKey</c> (the AppHost's per-machine secret) or, without one, the public
/// development key; mapped only in the Development environment.
/// </summary>
/// <remarks>
/// Without <c>subject</c>, a token for a caller who sees only what they made themselves (a citizen, an
/// agent, the portal) gets a subject of its own, <c>dev-citizen-…</c>, so that two such tokens are two
/// people; staff tokens are <c>dev-{role}</c>. Ask for a subject to act as the same person again.
/// </remarks>
public static class DevelopmentTokenEndpoint
{
    /// <summary>Roles whose callers see only what they made: each token is a person of its own unless a subject is asked for.</summary>
    private static readonly string[] OwnDataRoles = [Roles.Citizen, Roles.Agent, Roles.Portal];

    public sealed record TokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, IReadOnlyList<string> Roles, string Subject);

    public static IEndpointRouteBuilder MapDevelopmentTokens(this IEndpointRouteBuilder app)
    {
        app.MapPost("/dev/token", Issue).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static Results<Ok<TokenResponse>, ProblemHttpResult> Issue(string? role, string? subject, TimeProvider timeProvider, IConfiguration configuration)
    {
        var roles = (role ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = roles.Where(r => !Roles.All.Contains(r)).ToArray();
        if (roles.Length == 0 || unknown.Length > 0)
        {
            return Problem.Validation(new Dictionary<string, string[]>
            {
                ["role"] = [$"One or more of: {string.Join(", ", Roles.All.Order(StringComparer.Ordinal))}."],
            });
        }

        var lifetime = TimeSpan.FromHours(8);
        subject = !string.IsNullOrWhiteSpace(subject) ? subject
            : roles.Any(OwnDataRoles.Contains) ? $"dev-{roles[0]}-{Guid.NewGuid():N}"
            : $"dev-{roles[0]}";
        var signingKey = configuration.GetSection(JwtSettings.SectionName).Get<JwtSettings>()?.SigningKey;
        var token = DevelopmentTokens.Create(
            roles, subject, timeProvider, lifetime, string.IsNullOrWhiteSpace(signingKey) ? DevelopmentTokens.SigningKey : signingKey);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", timeProvider.GetUtcNow() + lifetime, roles, subject));
    }
}
