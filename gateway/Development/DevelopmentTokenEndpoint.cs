using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivicHall.Gateway.Development;

/// <summary>
/// <c>POST /dev/token?role=ops[,screener…]&amp;subject=alice</c>: a token signed with the development key,
/// mapped only in the Development environment (where that key is accepted at all).
/// </summary>
public static class DevelopmentTokenEndpoint
{
    public sealed record TokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, IReadOnlyList<string> Roles);

    public static IEndpointRouteBuilder MapDevelopmentTokens(this IEndpointRouteBuilder app)
    {
        app.MapPost("/dev/token", Issue).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static Results<Ok<TokenResponse>, ProblemHttpResult> Issue(string? role, string? subject, TimeProvider timeProvider)
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
        var token = DevelopmentTokens.Create(roles, subject ?? $"dev-{roles[0]}", timeProvider, lifetime);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", timeProvider.GetUtcNow() + lifetime, roles));
    }
}
