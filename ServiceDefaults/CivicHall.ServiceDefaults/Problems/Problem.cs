using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivicHall.ServiceDefaults.Problems;

/// <summary>Builds RFC 7807 results that carry a stable <c>code</c>; the title is localised on the way out.</summary>
public static class Problem
{
    public static ProblemHttpResult Of(int status, string code, string? detail = null, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>(), StringComparer.Ordinal)
        {
            ["code"] = code,
        };
        return TypedResults.Problem(statusCode: status, detail: detail, extensions: all);
    }

    public static ProblemHttpResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, ProblemCodes.NotFound, detail);

    public static ProblemHttpResult ConcurrentUpdate(string? detail = null) =>
        Of(StatusCodes.Status409Conflict, ProblemCodes.ConcurrentUpdate, detail);

    public static ProblemHttpResult PreconditionFailed(string? detail = null) =>
        Of(StatusCodes.Status412PreconditionFailed, ProblemCodes.PreconditionFailed, detail);

    /// <summary>400 with every invalid field and what is wrong with it.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        Of(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
