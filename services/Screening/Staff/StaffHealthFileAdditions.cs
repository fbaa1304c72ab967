using System.Security.Claims;

namespace CivicHall.Screening.Staff;

/// <summary>The path every addition to a health file takes (<c>POST …/tests</c>, <c>POST …/symptoms</c>).</summary>
internal static class StaffHealthFileAdditions
{
    /// <summary>Who adds to which file, what (for the refusal), and what is wrong with the request.</summary>
    public sealed record Addition(string StaffId, ClaimsPrincipal User, Bilingual What, Dictionary<string, string[]> Errors);

    /// <summary>
    /// The one path of the staff member's own additions: only the staff member, duty leaders and ops;
    /// a valid request; a file a duty leader opened; saved only when the addition changed it (a new
    /// revision). <paramref name="apply"/> changes the file, or answers why it may not.
    /// </summary>
    public static async Task<Results<Ok<StaffHealthFileResponse>, ProblemHttpResult>> AddAsync(
        Addition addition, HttpResponse httpResponse, StaffHealthFileStore store, Func<StaffHealthFile, ProblemHttpResult?> apply, CancellationToken cancellationToken)
    {
        if (!StaffHealthFileAccess.MayAdd(addition.User, addition.StaffId))
        {
            return StaffHealthFileRefusals.MayNotAdd(addition.What);
        }

        if (addition.Errors.Count > 0)
        {
            return Problem.Validation(addition.Errors);
        }

        if (await store.FindAsync(addition.StaffId, cancellationToken) is not { } file)
        {
            return StaffHealthFileRefusals.NotOpened(addition.StaffId);
        }

        var revision = file.Revision;
        if (apply(file) is { } refusal)
        {
            return refusal;
        }

        if (file.Revision != revision && StaffHealthFileRefusals.Unsaved(await store.SaveAsync(cancellationToken), addition.StaffId) is { } unsaved)
        {
            return unsaved;
        }

        httpResponse.Headers.ETag = StaffHealthFileEndpoints.ETag(file.Revision);
        return TypedResults.Ok(StaffHealthFileResponse.From(file));
    }
}
