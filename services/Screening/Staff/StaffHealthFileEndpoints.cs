using System.Security.Claims;
using CivicHall.Screening.Data;
using CivicHall.Screening.Decisions;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.PersonalData;
using CivicHall.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CivicHall.Screening.Staff;

/// <summary><c>/api/v1/staff/{staffId}/health-file</c>: the 一人一档 of a staff member.</summary>
public static class StaffHealthFileEndpoints
{
    private const int MaxTests = 100;
    private const int MaxDeclarations = 60;

    public static IEndpointRouteBuilder MapStaffHealthFileEndpoints(this IEndpointRouteBuilder app)
    {
        var file = app.MapGroup("/api/v1/staff/{staffId}/health-file").WithTags("Staff health files");
        file.MapGet("/", GetFile).WithName("GetStaffHealthFile");
        file.MapPut("/", PutFile).WithName("PutStaffHealthFile");
        return app;
    }

    /// <summary>Duty leaders and ops keep every file; staff keep their own; screeners read them.</summary>
    private static bool MayWrite(ClaimsPrincipal user, string staffId) =>
        user.IsInRole(Roles.DutyLeader) || user.IsInRole(Roles.Ops) || user.Subject() == staffId;

    private static bool MayRead(ClaimsPrincipal user, string staffId) => MayWrite(user, staffId) || user.IsInRole(Roles.Screener);

    private static async Task<Results<Ok<StaffHealthFileResponse>, ProblemHttpResult>> GetFile(
        string staffId, ClaimsPrincipal user, ScreeningDbContext db, CancellationToken cancellationToken)
    {
        if (!MayRead(user, staffId))
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only the staff member, screeners, duty leaders and ops see a health file.");
        }

        var file = await db.StaffHealthFiles.AsNoTracking().FirstOrDefaultAsync(f => f.StaffId == staffId, cancellationToken);
        return file is null ? Problem.NotFound($"Staff member '{staffId}' has no health file.") : TypedResults.Ok(StaffHealthFileResponse.From(file));
    }

    private static async Task<Results<Ok<StaffHealthFileResponse>, Created<StaffHealthFileResponse>, ProblemHttpResult>> PutFile(
        string staffId,
        PutStaffHealthFileRequest? request,
        ClaimsPrincipal user,
        ScreeningDbContext db,
        PersonalDataProtector personalData,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (!MayWrite(user, staffId))
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only the staff member, duty leaders and ops keep a health file.");
        }

        var now = timeProvider.GetUtcNow();
        var errors = Validate(staffId, request, now);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.AnyAsync(h => h.HallId == request!.HallId, cancellationToken))
        {
            return Problem.Of(StatusCodes.Status404NotFound, ScreeningProblems.HallUnknown, $"Hall '{request!.HallId}' is not known to screening.");
        }

        var idNumber = ChineseIdNumber.Normalize(request!.Person!.IdNumber!);
        var name = request.Person.Name!.Trim();
        var file = await db.StaffHealthFiles.FirstOrDefaultAsync(f => f.StaffId == staffId, cancellationToken);
        var created = file is null;
        if (file is null)
        {
            file = new StaffHealthFile
            {
                StaffId = staffId,
                HallId = request.HallId!,
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

        file.HallId = request.HallId!;
        file.PersonKey = personalData.PersonKey(idNumber);
        file.IdNumberEncrypted = personalData.Encrypt(idNumber);
        file.IdNumberMasked = Masking.IdNumber(idNumber);
        file.NameEncrypted = personalData.Encrypt(name);
        file.NameMasked = Masking.Name(name);
        file.VaccinationDoses = request.VaccinationDoses ?? 0;
        file.LastDoseOn = request.LastDoseOn;
        file.Tests = [.. (request.Tests ?? []).OrderByDescending(t => t.At).Take(MaxTests).Select(t => t with { At = t.At.ToUniversalTime() })];
        file.Symptoms = [.. (request.Symptoms ?? []).OrderByDescending(s => s.On).Take(MaxDeclarations)];
        file.UpdatedAt = now;
        file.UpdatedBy = user.Subject();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem.ConcurrentUpdate($"The health file of '{staffId}' changed at the same time; reload and retry.");
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problem.ConcurrentUpdate($"The health file of '{staffId}' was created at the same time; reload and retry.");
        }

        var response = StaffHealthFileResponse.From(file);
        return created ? TypedResults.Created($"/api/v1/staff/{staffId}/health-file", response) : TypedResults.Ok(response);
    }

    private static Dictionary<string, string[]> Validate(string staffId, PutStaffHealthFileRequest? request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (staffId.Length > 64)
        {
            errors["staffId"] = ["At most 64 characters."];
        }

        if (request is null)
        {
            errors["body"] = ["A health file is required."];
            return errors;
        }

        if (string.IsNullOrWhiteSpace(request.HallId))
        {
            errors["hallId"] = ["Required."];
        }

        if (!ChineseIdNumber.IsValid(request.Person?.IdNumber, DateOnly.FromDateTime(now.UtcDateTime)))
        {
            errors["person.idNumber"] = ["A valid 18-character resident ID number."];
        }

        if (string.IsNullOrWhiteSpace(request.Person?.Name) || request.Person.Name.Trim().Length > 50)
        {
            errors["person.name"] = ["1–50 characters."];
        }

        if (request.VaccinationDoses is < 0 or > 10)
        {
            errors["vaccinationDoses"] = ["From 0 to 10."];
        }

        var tests = request.Tests ?? [];
        for (var i = 0; i < tests.Count; i++)
        {
            if (tests[i] is null || !HealthTestKinds.All.Contains(tests[i].Kind) || !TestResults.All.Contains(tests[i].Result))
            {
                errors[$"tests[{i}]"] = ["kind nucleic or antigen, result negative or positive, and the time."];
            }
            else if (tests[i].At > now + TimeSpan.FromMinutes(2))
            {
                errors[$"tests[{i}].at"] = ["A test cannot be taken in the future."];
            }
        }

        var declarations = request.Symptoms ?? [];
        for (var i = 0; i < declarations.Count; i++)
        {
            if (declarations[i]?.Symptoms is not { } symptoms || symptoms.Count > 20 || symptoms.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 50))
            {
                errors[$"symptoms[{i}]"] = ["A date and at most 20 symptoms of 1–50 characters (none: an empty list)."];
            }
        }

        return errors;
    }
}
