using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.OpenApi;
using CivicHall.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CivicHall.ServiceDefaults.Policies;

/// <summary>
/// How a service names its versioned hall policy: the route <c>/api/v1/halls/{hallId}/{Resource}</c>,
/// the operations <c>Get{OperationName}</c> and <c>Put{OperationName}</c> under <see cref="Tag"/>,
/// the problem code of an unknown hall, and the texts and example of the OpenAPI document.
/// </summary>
public sealed record VersionedPolicyApi(
    string Resource,
    string Tag,
    string OperationName,
    string Noun,
    string HallUnknown,
    string GetDescription,
    string PutDescription,
    string RequestExample);

/// <summary>
/// What booking's, screening's and occupancy's policies share: a hall's policy is a list of versions,
/// each in force from its <c>effectiveFrom</c> and never edited. GET reads the version in force (now or
/// at <c>at</c>) and those that take effect later; PUT (ops only) adds the next version. The handlers
/// stay with each service, which knows its own rules.
/// </summary>
public static class VersionedPolicyEndpoints
{
    public static RouteGroupBuilder MapVersionedPolicy(this IEndpointRouteBuilder app, VersionedPolicyApi api, Delegate getPolicy, Delegate putPolicy)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(api);
        var policy = app.MapGroup($"/api/v1/halls/{{hallId}}/{api.Resource}").WithTags(api.Tag);
        policy.MapGet("/", getPolicy).WithName($"Get{api.OperationName}")
            .WithSummary($"Read a hall's {api.Noun}")
            .WithDescription(api.GetDescription)
            .ProducesProblems(StatusCodes.Status404NotFound, api.HallUnknown);
        policy.MapPut("/", putPolicy).WithName($"Put{api.OperationName}").RequireAuthorization(Roles.Ops)
            .WithSummary($"Add a version of a hall's {api.Noun}")
            .WithDescription(api.PutDescription)
            .WithRequestExample(api.RequestExample)
            .ProducesProblems(StatusCodes.Status404NotFound, api.HallUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, ProblemCodes.ConcurrentUpdate);
        return policy;
    }

    public const int DefaultVersionLimit = 50;
    public const int MaxVersionLimit = 200;

    /// <summary>
    /// <c>GET …/{Resource}/versions</c>: every version of the hall's policy, newest (highest number) first,
    /// paged by <c>limit</c> and <c>cursor</c> (API convention). The handler answers a
    /// <see cref="PolicyVersionPage{TVersion}"/>; <see cref="PolicyVersionCursor"/> reads and writes its cursor.
    /// </summary>
    public static RouteHandlerBuilder MapVersionList(this RouteGroupBuilder policy, VersionedPolicyApi api, Delegate listVersions)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(api);
        return policy.MapGet("/versions", listVersions).WithName($"List{api.OperationName}Versions")
            .WithSummary($"List every version of a hall's {api.Noun}")
            .WithDescription($"Every version ever added, in force or not, newest first (by `version`, descending); `limit` (1–{MaxVersionLimit}, {DefaultVersionLimit}) and the previous page's `nextCursor`. Versions are never edited: this is the policy's history.")
            .ProducesProblems(StatusCodes.Status404NotFound, api.HallUnknown);
    }

    /// <summary>The instant a GET reads the policy at: <c>at</c> when given, else now; in UTC.</summary>
    public static DateTimeOffset ReadAt(DateTimeOffset? at, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return (at ?? timeProvider.GetUtcNow()).ToUniversalTime();
    }

    /// <summary>
    /// Saves a new version with <paramref name="save"/>; null when it was saved, else the 409
    /// <c>concurrent_update</c> problem: versions are keyed (hall, version), so another version added
    /// under the same number meanwhile fails the insert with a unique violation.
    /// </summary>
    public static async Task<ProblemHttpResult?> SaveVersionAsync(string hallId, Func<Task> save)
    {
        ArgumentNullException.ThrowIfNull(save);
        try
        {
            await save();
            return null;
        }
        catch (Exception ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problem.ConcurrentUpdate(new Bilingual(
                $"大厅“{hallId}”的另一个策略版本刚刚被同时添加，请刷新后重试。",
                $"Another policy version for hall '{hallId}' was added at the same time; reload and retry."));
        }
    }

    /// <summary>201 for a version added, located at the GET that reads the policy as of the version's start.</summary>
    public static Created<TResponse> Created<TResponse>(this VersionedPolicyApi api, string hallId, DateTimeOffset effectiveFrom, TResponse response)
    {
        ArgumentNullException.ThrowIfNull(api);
        return TypedResults.Created($"/api/v1/halls/{hallId}/{api.Resource}?at={effectiveFrom:O}", response);
    }
}
