using CivicHall.Screening.Decisions;
using CivicHall.ServiceDefaults.PersonalData;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Screening.Staff;

/// <summary>What is wrong with a health file, a test or a declaration, by field; empty when it may be stored.</summary>
public static class StaffHealthFileValidation
{
    public const int MaxSymptoms = 20;

    /// <summary>The most tests a file keeps (the latest), and so the most a replacement may hold.</summary>
    public const int MaxTests = 100;

    /// <summary>The most daily declarations a file keeps (the latest), and so the most a replacement may hold.</summary>
    public const int MaxDeclarations = 60;

    /// <summary>How far ahead of the server's clock a device's clock may run.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    public static Dictionary<string, string[]> ValidateFile(string staffId, PutStaffHealthFileRequest? request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(staffId);
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

        if (!Identifier.IsValid(request.HallId))
        {
            errors["hallId"] = [$"Required. {Identifier.Rule}"];
        }

        if (!ChineseIdNumber.IsValid(request.Person?.IdNumber, DateOnly.FromDateTime(now.UtcDateTime)))
        {
            errors["person.idNumber"] = ["A valid 18-character resident ID number."];
        }

        if (PersonalFields.NameError(request.Person?.Name) is { } name)
        {
            errors["person.name"] = [name];
        }

        if (request.VaccinationDoses is < 0 or > 10)
        {
            errors["vaccinationDoses"] = ["From 0 to 10."];
        }

        if (request.VaccinationExemption is { } exemption && (string.IsNullOrWhiteSpace(exemption.Reason) || exemption.Reason.Trim().Length is < 4 or > 200))
        {
            errors["vaccinationExemption.reason"] = ["Required, 4–200 characters: what was verified (leave vaccinationExemption out when not exempt)."];
        }

        var tests = request.Tests ?? [];
        if (tests.Count > MaxTests)
        {
            errors["tests"] = [$"At most {MaxTests}: a file keeps the latest {MaxTests}."];
        }

        for (var i = 0; i < tests.Count; i++)
        {
            AddTestErrors(errors, $"tests[{i}]", tests[i], now);
        }

        var declarations = request.Symptoms ?? [];
        if (declarations.Count > MaxDeclarations)
        {
            errors["symptoms"] = [$"At most {MaxDeclarations}: a file keeps the latest {MaxDeclarations} declarations."];
        }

        for (var i = 0; i < declarations.Count; i++)
        {
            AddDeclarationErrors(errors, $"symptoms[{i}]", declarations[i], now);
        }

        return errors;
    }

    /// <summary>A test on its own (<c>POST …/tests</c>): its fields are named without a prefix.</summary>
    public static Dictionary<string, string[]> ValidateTest(HealthTestRequest? request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        AddTestErrors(errors, null, request, now);
        return errors;
    }

    /// <summary>A declaration on its own (<c>POST …/symptoms</c>): its fields are named without a prefix.</summary>
    public static Dictionary<string, string[]> ValidateDeclaration(SymptomDeclarationRequest? request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        AddDeclarationErrors(errors, null, request, now);
        return errors;
    }

    private static string Field(string? prefix, string name) => prefix is null ? name : $"{prefix}.{name}";

    private static void AddTestErrors(Dictionary<string, string[]> errors, string? prefix, HealthTestRequest? test, DateTimeOffset now)
    {
        if (test is null)
        {
            errors[prefix ?? "body"] = ["A test: at, kind (nucleic or antigen) and result (negative or positive)."];
            return;
        }

        if (test.At is not { } at)
        {
            errors[Field(prefix, "at")] = ["Required: when the test was taken."];
        }
        else if (at > now + ClockSkew)
        {
            errors[Field(prefix, "at")] = ["A test cannot be taken in the future."];
        }

        if (test.Kind is null || !HealthTestKinds.All.Contains(test.Kind))
        {
            errors[Field(prefix, "kind")] = [$"One of {string.Join(", ", HealthTestKinds.All)}."];
        }

        if (test.Result is null || !TestResults.All.Contains(test.Result))
        {
            errors[Field(prefix, "result")] = [$"One of {string.Join(", ", TestResults.All)}."];
        }
    }

    private static void AddDeclarationErrors(Dictionary<string, string[]> errors, string? prefix, SymptomDeclarationRequest? declaration, DateTimeOffset now)
    {
        if (declaration is null)
        {
            errors[prefix ?? "body"] = ["A declaration: on (a date) and symptoms (none: an empty list)."];
            return;
        }

        // No time zone is more than a day ahead of UTC: a later date has not begun anywhere.
        if (declaration.On is not { } on)
        {
            errors[Field(prefix, "on")] = ["Required: the day the symptoms are declared for."];
        }
        else if (on > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1))
        {
            errors[Field(prefix, "on")] = ["Symptoms are declared for a day that has begun."];
        }

        if (declaration.Symptoms is not { } symptoms)
        {
            errors[Field(prefix, "symptoms")] = ["Required (none: an empty list)."];
            return;
        }

        if (symptoms.Count > MaxSymptoms)
        {
            errors[Field(prefix, "symptoms")] = [$"At most {MaxSymptoms}."];
        }

        for (var j = 0; j < symptoms.Count; j++)
        {
            var symptom = symptoms[j];
            if (string.IsNullOrWhiteSpace(symptom) || symptom.Trim().Length > 50)
            {
                errors[$"{Field(prefix, "symptoms")}[{j}]"] = ["1–50 characters."];
            }
        }
    }
}
