using System.Security.Claims;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.PersonalData;
using Npgsql;

namespace CivicHall.Screening.Staff;

/// <summary>
/// <c>/api/v1/staff/{staffId}/health-file</c>: the 一人一档 of a staff member. Duty leaders and ops
/// open and replace the whole file (<c>PUT</c>), the staff member adds their own tests and symptom
/// declarations (<c>POST …/tests</c>, <c>POST …/symptoms</c>), screeners read it (<see cref="StaffHealthFileAccess"/>).
/// </summary>
public static class StaffHealthFileEndpoints
{
    private const int MaxTests = StaffHealthFileValidation.MaxTests;
    private const int MaxDeclarations = StaffHealthFileValidation.MaxDeclarations;

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
        string staffId, ClaimsPrincipal user, HttpResponse httpResponse, ScreeningDbContext db, CancellationToken cancellationToken)
    {
        if (!StaffHealthFileAccess.MayRead(user, staffId))
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only the staff member, screeners, duty leaders and ops see a health file.");
        }

        var file = await db.StaffHealthFiles.AsNoTracking().FirstOrDefaultAsync(f => f.StaffId == staffId, cancellationToken);
        if (file is null)
        {
            return Problem.NotFound($"Staff member '{staffId}' has no health file.");
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
        ScreeningDbContext db,
        PersonalDataProtector personalData,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (!StaffHealthFileAccess.KeepsFiles(user))
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only duty leaders and ops open a health file or change its identity or vaccination.");
        }

        var now = timeProvider.GetUtcNow();
        var errors = StaffHealthFileValidation.ValidateFile(staffId, request, now);
        if (errors.Count > 0 || request is not { HallId: { } hallId, Person: { IdNumber: { } rawIdNumber, Name: { } rawName } })
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return Problem.Of(StatusCodes.Status404NotFound, ScreeningProblems.HallUnknown, $"Hall '{hallId}' is not known to screening.");
        }

        var idNumber = ChineseIdNumber.Normalize(rawIdNumber);
        var name = rawName.Trim();
        var personKey = personalData.PersonKey(idNumber);
        if (await db.StaffHealthFiles.AnyAsync(f => f.PersonKey == personKey && f.StaffId != staffId, cancellationToken))
        {
            return Problem.Of(StatusCodes.Status409Conflict, ScreeningProblems.PersonHasHealthFile, "This person's health file is kept under another staff id.");
        }

        var file = await db.StaffHealthFiles.FirstOrDefaultAsync(f => f.StaffId == staffId, cancellationToken);
        var ifMatch = httpRequest.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && ifMatch != "*" && (file is null || ifMatch != ETag(file.Revision)))
        {
            return Problem.PreconditionFailed($"The health file of '{staffId}' is not at revision {ifMatch}.");
        }

        var created = file is null;
        if (file is null)
        {
            file = new StaffHealthFile
            {
                StaffId = staffId,
                HallId = hallId,
                PersonKey = string.Empty,
                IdNumberEncrypted = string.Empty,
                IdNumberMasked = string.Empty,
                NameEncrypted = string.Empty,
                NameMasked = string.Empty,
            };
            db.StaffHealthFiles.Add(file);
        }
        else
        {
            file.Revision++;
        }

        file.HallId = hallId;
        file.PersonKey = personKey;
        file.IdNumberEncrypted = personalData.Encrypt(idNumber);
        file.IdNumberMasked = Masking.IdNumber(idNumber);
        file.NameEncrypted = personalData.Encrypt(name);
        file.NameMasked = Masking.Name(name);
        file.VaccinationDoses = request.VaccinationDoses ?? 0;
        file.LastDoseOn = request.LastDoseOn;
        RecordExemption(file, request.VaccinationExemption?.Reason?.Trim(), user, now, personalData);
        file.Tests = Latest([.. (request.Tests ?? []).OfType<HealthTestRequest>().Select(ToTest)]);
        file.Symptoms = Latest([.. (request.Symptoms ?? []).OfType<SymptomDeclarationRequest>().Select(ToDeclaration)]);
        file.UpdatedAt = now;
        file.UpdatedBy = user.Subject();
        if (await SaveAsync(db, staffId, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        httpResponse.Headers.ETag = ETag(file.Revision);
        var response = StaffHealthFileResponse.From(file);
        return created ? TypedResults.Created($"/api/v1/staff/{staffId}/health-file", response) : TypedResults.Ok(response);
    }

    /// <summary>
    /// Adds a test to an existing file (the staff member, duty leaders, ops). The same test sent again
    /// changes nothing; a test of the same kind at the same time with another result is refused (409),
    /// so that a result once recorded cannot be overwritten.
    /// </summary>
    private static Task<Results<Ok<StaffHealthFileResponse>, ProblemHttpResult>> AddTest(
        string staffId,
        HealthTestRequest? request,
        ClaimsPrincipal user,
        HttpResponse httpResponse,
        ScreeningDbContext db,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return AddToFileAsync(
            new FileAddition(staffId, user, httpResponse, db, now, "add tests to"),
            StaffHealthFileValidation.ValidateTest(request, now),
            file =>
            {
                var test = ToTest(request!);
                var same = file.Tests.FirstOrDefault(t => t.At == test.At && t.Kind == test.Kind);
                if (same is not null)
                {
                    return same.Result == test.Result
                        ? Addition.Unchanged
                        : Addition.Refused(Problem.Of(
                            StatusCodes.Status409Conflict, ScreeningProblems.HealthTestConflict, $"A {test.Kind} test at {test.At:O} is on file with another result."));
                }

                file.Tests = Latest([.. file.Tests, test]);
                return Addition.Changed;
            },
            cancellationToken);
    }

    /// <summary>
    /// Declares symptoms for a day on an existing file (the staff member, duty leaders, ops). Declarations
    /// for one day add up: a later one cannot withdraw a symptom (a duty leader corrects the file by PUT).
    /// </summary>
    private static Task<Results<Ok<StaffHealthFileResponse>, ProblemHttpResult>> DeclareSymptoms(
        string staffId,
        SymptomDeclarationRequest? request,
        ClaimsPrincipal user,
        HttpResponse httpResponse,
        ScreeningDbContext db,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return AddToFileAsync(
            new FileAddition(staffId, user, httpResponse, db, now, "declare symptoms in"),
            StaffHealthFileValidation.ValidateDeclaration(request, now),
            file =>
            {
                var declaration = ToDeclaration(request!);
                var earlier = file.Symptoms.FirstOrDefault(d => d.On == declaration.On);
                var merged = earlier is null
                    ? declaration
                    : earlier with { Symptoms = [.. earlier.Symptoms.Concat(declaration.Symptoms).Distinct(StringComparer.Ordinal)] };
                if (earlier is not null && merged.Symptoms.Count == earlier.Symptoms.Count)
                {
                    return Addition.Unchanged;
                }

                file.Symptoms = Latest([.. file.Symptoms.Where(d => d.On != declaration.On), merged]);
                return Addition.Changed;
            },
            cancellationToken);
    }

    /// <summary>Who adds what to which file, and when.</summary>
    private sealed record FileAddition(string StaffId, ClaimsPrincipal User, HttpResponse Response, ScreeningDbContext Db, DateTimeOffset Now, string What);

    /// <summary>What an addition did to the file: changed it, found it already there, or was refused.</summary>
    private sealed record Addition(bool IsChange, ProblemHttpResult? Refusal)
    {
        public static readonly Addition Changed = new(true, null);
        public static readonly Addition Unchanged = new(false, null);

        public static Addition Refused(ProblemHttpResult refusal) => new(false, refusal);
    }

    /// <summary>
    /// The one path of the staff member's own additions: only the staff member, duty leaders and ops;
    /// a valid request; a file a duty leader opened; saved only when the addition changed it.
    /// </summary>
    private static async Task<Results<Ok<StaffHealthFileResponse>, ProblemHttpResult>> AddToFileAsync(
        FileAddition addition, Dictionary<string, string[]> errors, Func<StaffHealthFile, Addition> apply, CancellationToken cancellationToken)
    {
        if (!StaffHealthFileAccess.MayAdd(addition.User, addition.StaffId))
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, $"Only the staff member, duty leaders and ops {addition.What} a health file.");
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var file = await addition.Db.StaffHealthFiles.FirstOrDefaultAsync(f => f.StaffId == addition.StaffId, cancellationToken);
        if (file is null)
        {
            return NoFile(addition.StaffId);
        }

        var outcome = apply(file);
        if (outcome.Refusal is { } refusal)
        {
            return refusal;
        }

        if (outcome.IsChange)
        {
            Touch(file, addition.User, addition.Now);
            if (await SaveAsync(addition.Db, addition.StaffId, cancellationToken) is { } conflict)
            {
                return conflict;
            }
        }

        addition.Response.Headers.ETag = ETag(file.Revision);
        return TypedResults.Ok(StaffHealthFileResponse.From(file));
    }

    /// <summary>
    /// Sets or clears the exemption from vaccination. The same reason sent again with the rest of the file
    /// keeps who recorded it and when; a new reason is recorded by this caller now.
    /// </summary>
    private static void RecordExemption(StaffHealthFile file, string? reason, ClaimsPrincipal user, DateTimeOffset now, PersonalDataProtector personalData)
    {
        if (reason is null)
        {
            (file.VaccinationExemptionReasonEncrypted, file.VaccinationExemptedBy, file.VaccinationExemptedAt) = (null, null, null);
        }
        else if (file.VaccinationExemptionReasonEncrypted is not { } recorded || personalData.Decrypt(recorded) != reason)
        {
            (file.VaccinationExemptionReasonEncrypted, file.VaccinationExemptedBy, file.VaccinationExemptedAt) = (personalData.Encrypt(reason), user.Subject(), now);
        }
    }

    private static ProblemHttpResult NoFile(string staffId) =>
        Problem.NotFound($"Staff member '{staffId}' has no health file; a duty leader or ops opens it (PUT) with the staff member's identity.");

    /// <summary>A validated test as the file keeps it (in UTC).</summary>
    private static HealthTest ToTest(HealthTestRequest t) => new(t.At.GetValueOrDefault().ToUniversalTime(), t.Kind ?? string.Empty, t.Result ?? string.Empty);

    /// <summary>A validated declaration as the file keeps it (symptoms trimmed, each once).</summary>
    private static SymptomDeclaration ToDeclaration(SymptomDeclarationRequest d) =>
        new(d.On.GetValueOrDefault(), [.. (d.Symptoms ?? []).OfType<string>().Select(s => s.Trim()).Distinct(StringComparer.Ordinal)]);

    private static List<HealthTest> Latest(List<HealthTest> tests) => [.. tests.OrderByDescending(t => t.At).Take(MaxTests)];

    private static List<SymptomDeclaration> Latest(List<SymptomDeclaration> declarations) => [.. declarations.OrderByDescending(d => d.On).Take(MaxDeclarations)];

    private static void Touch(StaffHealthFile file, ClaimsPrincipal user, DateTimeOffset now)
    {
        file.Revision++;
        file.UpdatedAt = now;
        file.UpdatedBy = user.Subject();
    }

    /// <summary>Saves the file; a concurrent writer of the same file is a 409 <c>concurrent_update</c>.</summary>
    private static async Task<ProblemHttpResult?> SaveAsync(ScreeningDbContext db, string staffId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem.ConcurrentUpdate($"The health file of '{staffId}' changed at the same time; reload and retry.");
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problem.ConcurrentUpdate($"The health file of '{staffId}' was created at the same time; reload and retry.");
        }
    }

    private static string ETag(int revision) => $"\"{revision}\"";
}
