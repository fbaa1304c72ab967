using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivicHall.ServiceDefaults.Problems;

/// <summary>
/// Builds RFC 7807 results that carry a stable <c>code</c>; the title (from the catalog) and the detail
/// (given in both languages) are chosen by the caller's language on the way out.
/// </summary>
public static class Problem
{
    public static ProblemHttpResult Of(int status, string code, Bilingual? detail = null, IDictionary<string, object?>? extensions = null)
    {
        var problem = new LocalizedProblemDetails
        {
            Status = status,
            LocalizedDetail = detail,
            Extensions = { ["code"] = code },
        };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult NotFound(Bilingual detail) => Of(StatusCodes.Status404NotFound, ProblemCodes.NotFound, detail);

    public static ProblemHttpResult ConcurrentUpdate(Bilingual? detail = null) =>
        Of(StatusCodes.Status409Conflict, ProblemCodes.ConcurrentUpdate, detail);

    public static ProblemHttpResult PreconditionFailed(Bilingual? detail = null) =>
        Of(StatusCodes.Status412PreconditionFailed, ProblemCodes.PreconditionFailed, detail);

    /// <summary>400 with every invalid field and what is wrong with it.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        Of(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
