using System.Security.Claims;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Screening.Staff;

/// <summary>
/// <c>/api/v1/staff/{staffId}/health-file</c>: the 一人一档 of a staff member. Duty leaders and ops
/// open and replace the whole file (<c>PUT</c>), the staff member adds their own tests and symptom
/// declarations (<c>POST …/tests</c>, <c>POST …/symptoms</c>), screeners read it (<see cref="StaffHealthFileAccess"/>).
/// </summary>
public static class StaffHealthFileEndpoints
{
    public static IEndpointRouteBuilder MapStaffHealthFileEndpoints(this IEndpointRouteBuilder app)
    {
        var file = app.MapGroup("/api/v1/staff/{staffId}/health-file").WithTags("Staff health files");
        file.MapGet("/", GetFile).WithName("GetStaffHealthFile")
            .WithSummary("Read a staff member's health file (一人一档)")
            .WithDescription(
                "The file with the identity masked and its `ETag` (the revision, for `If-Match` on a replacement). The staff member "
                + "(token subject `staffId` with a hall-staff role), screeners, duty leaders and ops; anyone else is 403.")
            .WithResponseHeader(StatusCodes.Status200OK, "ETag", "The file's revision, for `If-Match`.")
            .ProducesProblems(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden)
            .ProducesProblems(StatusCodes.Status404NotFound, ProblemCodes.NotFound);
        file.MapPut("/", PutFile).WithName("PutStaffHealthFile")
            .WithSummary("Open or replace a staff member's health file")
            .WithDescription(
                "Duty leaders and ops: the identity the file is bound to, the vaccination they verified (or an exemption), tests and "
                + "declarations, replaced at once. `If-Match` with the `ETag` of a read refuses a stale replacement (412) so that what the staff "
                + "member added since is not lost. One person has one file (409 `person_has_health_file`). 201 when opened, else 200.")
            .WithRequestExample("""
                {"hallId": "qingpu", "person": {"idNumber": "99010119900615234X", "name": "李四"}, "vaccinationDoses": 3, "lastDoseOn": "2025-10-01", "tests": [{"at": "2026-11-29T08:00:00+08:00", "kind": "nucleic", "result": "negative"}], "symptoms": []}
                """)
            .WithRequestHeader("If-Match", required: false, "The `ETag` of the file as read; a replacement of another revision is 412 `precondition_failed`. `*` matches any.", maxLength: 64)
            .WithResponseHeader(StatusCodes.Status200OK, "ETag", "The file's new revision.")
            .WithResponseHeader(StatusCodes.Status201Created, "ETag", "The file's revision.")
            .ProducesProblems(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden)
            .ProducesProblems(StatusCodes.Status404NotFound, ScreeningProblems.HallUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, ScreeningProblems.PersonHasHealthFile, ProblemCodes.ConcurrentUpdate)
            .ProducesProblems(StatusCodes.Status412PreconditionFailed, ProblemCodes.PreconditionFailed);
        file.MapPost("/tests", AddTest).WithName("AddStaffHealthTest")
            .WithSummary("Add a test result to a health file")
            .WithDescription(
                "The staff member (token subject `staffId` with a hall-staff role), duty leaders and ops, to a file a duty leader opened. "
                + "The same test again changes nothing; the same kind and time with another result is 409 `health_test_conflict`.")
            .WithRequestExample("""
                {"at": "2026-11-30T07:30:00+08:00", "kind": "antigen", "result": "negative"}
                """)
            .ProducesProblems(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden)
            .ProducesProblems(StatusCodes.Status404NotFound, ProblemCodes.NotFound)
            .ProducesProblems(StatusCodes.Status409Conflict, ScreeningProblems.HealthTestConflict, ProblemCodes.ConcurrentUpdate);
        file.MapPost("/symptoms", DeclareSymptoms).WithName("DeclareStaffSymptoms")
            .WithSummary("Declare the symptoms of a day")
            .WithDescription(
                "The staff member, duty leaders and ops. Declarations for a day add up: a later one cannot withdraw a symptom; an empty list declares none.")
            .WithRequestExample("""
                {"on": "2026-11-30", "symptoms": ["咳嗽"]}
                """)
            .ProducesProblems(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden)
            .ProducesProblems(StatusCodes.Status404NotFound, ProblemCodes.NotFound)
            .ProducesProblems(StatusCodes.Status409Conflict, ProblemCodes.ConcurrentUpdate);
        return app;
    }

    private static async Task<Results<Ok<StaffHealthFileResponse>, ProblemHttpResult>> GetFile(
        string staffId, ClaimsPrincipal user, HttpResponse httpResponse, StaffHealthFileStore store, CancellationToken cancellationToken)
    {
        if (!StaffHealthFileAccess.MayRead(user, staffId))
        {
            return StaffHealthFileRefusals.MayNotRead();
        }

        var file = await store.ReadAsync(staffId, cancellationToken);
        if (file is null)
        {
            return StaffHealthFileRefusals.NotFound(staffId);
        }

        httpResponse.Headers.ETag = ETag(file.Revision);
        return TypedResults.Ok(StaffHealthFileResponse.From(file));
    }

    /// <summary>
    /// Opens or replaces the whole file, identity included (duty leaders and ops). Optimistic concurrency:
    /// <c>If-Match</c> with the ETag of a previous read refuses a stale write (412), so that tests the staff
    /// member added since are not lost. One person has one file: binding a person who has another is 409.
    /// </summary>
    private static async Task<Results<Ok<StaffHealthFileResponse>, Created<StaffHealthFileResponse>, ProblemHttpResult>> PutFile(
        string staffId,
        PutStaffHealthFileRequest? request,
        ClaimsPrincipal user,
        HttpRequest httpRequest,
        HttpResponse httpResponse,
        [AsParameters] StaffHealthFileServices services,
        CancellationToken cancellationToken)
    {
        if (!StaffHealthFileAccess.KeepsFiles(user))
        {
            return StaffHealthFileRefusals.MayNotKeep();
        }

        var now = services.TimeProvider.GetUtcNow();
        var errors = StaffHealthFileValidation.ValidateFile(staffId, request, now);
        if (errors.Count > 0 || request is not { HallId: not null, Person: { IdNumber: not null, Name: not null } })
        {
            return Problem.Validation(errors);
        }

        var content = request.ToContent();
        var store = services.Store;
        if (!await store.HallKnownAsync(content.HallId, cancellationToken))
        {
            return ScreeningProblems.UnknownHall(content.HallId);
        }

        if (await store.FiledUnderAnotherAsync(services.PersonalData.PersonKey(content.IdNumber), staffId, cancellationToken))
        {
            return StaffHealthFileRefusals.FiledUnderAnother();
        }

        var file = await store.FindAsync(staffId, cancellationToken);
        var ifMatch = httpRequest.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && ifMatch != "*" && (file is null || ifMatch != ETag(file.Revision)))
        {
            return StaffHealthFileRefusals.Stale(staffId, ifMatch);
        }

        var opened = file is null;
        file ??= store.Open(staffId, content.HallId);
        file.Replace(content, services.PersonalData, user.Subject(), now, opened);
        if (StaffHealthFileRefusals.Unsaved(await store.SaveAsync(cancellationToken), staffId) is { } unsaved)
        {
            return unsaved;
        }

        httpResponse.Headers.ETag = ETag(file.Revision);
        var response = StaffHealthFileResponse.From(file);
        return opened ? TypedResults.Created($"/api/v1/staff/{staffId}/health-file", response) : TypedResults.Ok(response);
    }

    /// <summary>Adds a test to an existing file (the staff member, duty leaders, ops); a recorded result is never overwritten (409).</summary>
    private static Task<Results<Ok<StaffHealthFileResponse>, ProblemHttpResult>> AddTest(
        string staffId, HealthTestRequest? request, ClaimsPrincipal user, HttpResponse httpResponse, [AsParameters] StaffHealthFileServices services, CancellationToken cancellationToken)
    {
        var now = services.TimeProvider.GetUtcNow();
        var addition = new StaffHealthFileAdditions.Addition(staffId, user, new Bilingual("向健康档案添加检测结果", "add tests to"), StaffHealthFileValidation.ValidateTest(request, now));
        return StaffHealthFileAdditions.AddAsync(
            addition,
            httpResponse,
            services.Store,
            file => file.AddTest(request!.ToTest(), user.Subject(), now) is HealthFileChange.Conflict ? StaffHealthFileRefusals.TestConflict(request.ToTest()) : null,
            cancellationToken);
    }

    /// <summary>Declares symptoms for a day on an existing file (the staff member, duty leaders, ops); declarations for a day add up.</summary>
    private static Task<Results<Ok<StaffHealthFileResponse>, ProblemHttpResult>> DeclareSymptoms(
        string staffId, SymptomDeclarationRequest? request, ClaimsPrincipal user, HttpResponse httpResponse, [AsParameters] StaffHealthFileServices services, CancellationToken cancellationToken)
    {
        var now = services.TimeProvider.GetUtcNow();
        var addition = new StaffHealthFileAdditions.Addition(staffId, user, new Bilingual("在健康档案中申报症状", "declare symptoms in"), StaffHealthFileValidation.ValidateDeclaration(request, now));
        return StaffHealthFileAdditions.AddAsync(
            addition,
            httpResponse,
            services.Store,
            file =>
            {
                file.DeclareSymptoms(request!.ToDeclaration(), user.Subject(), now);
                return null;
            },
            cancellationToken);
    }

    internal static string ETag(int revision) => $"\"{revision}\"";
}
