using System.Security.Claims;
using CivicHall.Contracts;
using CivicHall.Contracts.Screening.V1;
using CivicHall.Messaging.Outbox;
using CivicHall.Screening.Decisions;
using CivicHall.Screening.Policies;
using CivicHall.Screening.Staff;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Screening.Screenings;

/// <summary><c>/api/v1/screenings</c>: a reading in, a decision out.</summary>
public static class ScreeningEndpoints
{
    public static IEndpointRouteBuilder MapScreeningEndpoints(this IEndpointRouteBuilder app)
    {
        var screenings = app.MapGroup("/api/v1/screenings").WithTags("Screenings");
        screenings.MapPost("/", CreateScreening).WithName("CreateScreening")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Screener, Roles.DutyLeader))
            .WithSummary("Decide a reading at the entrance")
            .WithDescription(
                "Decides a reading under the hall's policy in force when it was taken: `admit`, `deny`, `retest`, `manual_check` or `isolate`, "
                + "every finding with the rule behind it and the measures to take; stores the record and announces the outcome, in one "
                + "transaction. 201 with the decision; the same `readingId` again answers 200 with the first decision and "
                + "`Idempotent-Replayed: true` (409 `reading_id_reused` for another person or hall). Impossible values are 422 "
                + "`reading_impossible` with `errors`; nothing is stored.")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: the reading was sent before; this is its decision.")
            .WithRequestExample("""
                {"readingId": "0193a4b2-5c6d-7e8f-9a0b-1c2d3e4f5a6b", "hallId": "qingpu", "personKind": "visitor", "person": {"idNumber": "990101198001011236", "name": "张三"}, "healthCode": "green", "temperatureC": 36.6, "mask": true, "symptoms": [], "lane": "lane-1", "deviceId": "sentinel-01"}
                """)
            .ProducesProblems(StatusCodes.Status404NotFound, ScreeningProblems.HallUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, ScreeningProblems.ScreeningNotConfigured, ScreeningProblems.ReadingIdReused)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, ScreeningProblems.ReadingImpossible, ScreeningProblems.RetestUnknown);
        screenings.MapGet("/{screeningId:guid}", GetScreening).WithName("GetScreening")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Screener, Roles.DutyLeader, Roles.Ops))
            .WithSummary("Read a screening record")
            .WithDescription("The decision and what was read, the person masked.")
            .ProducesProblems(StatusCodes.Status404NotFound, ProblemCodes.NotFound);
        return app;
    }

    /// <summary>
    /// Decides a reading under the hall's policy in force when it was taken, stores the record and
    /// announces the outcome (<see cref="PersonAdmitted"/>, <see cref="AbnormalPersonDetected"/>,
    /// <see cref="ScreeningDenied"/>) through the outbox, in one transaction.
    /// </summary>
    private static async Task<Results<Created<ScreeningResponse>, Ok<ScreeningResponse>, ProblemHttpResult>> CreateScreening(
        CreateScreeningRequest? request,
        HttpResponse httpResponse,
        ClaimsPrincipal user,
        ScreeningDbContext db,
        ScreeningStore store,
        ScreeningCatalog catalog,
        PersonalDataProtector personalData,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var (invalid, impossible) = ScreeningValidation.Validate(request, now);
        if (invalid.Count > 0)
        {
            return Problem.Validation(invalid);
        }

        if (impossible.Count > 0)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, ScreeningProblems.ReadingImpossible, extensions: new Dictionary<string, object?> { ["errors"] = impossible });
        }

        var takenAt = (request!.TakenAt ?? now).ToUniversalTime();
        var (hall, policy) = await catalog.ResolveAsync(request.HallId!, takenAt, cancellationToken);
        if (hall is null)
        {
            return Problem.Of(StatusCodes.Status404NotFound, ScreeningProblems.HallUnknown, $"Hall '{request.HallId}' is not known to screening.");
        }

        if (policy is null)
        {
            return Problem.Of(StatusCodes.Status409Conflict, ScreeningProblems.ScreeningNotConfigured, $"Hall '{hall.HallId}' has no screening policy in force at {takenAt:O}.");
        }

        var person = request.Person!;
        var idNumber = ChineseIdNumber.Normalize(person.IdNumber!);
        var personKey = personalData.PersonKey(idNumber);
        if (request.RetestOf is { } first
            && !await db.Screenings.AnyAsync(s => s.Id == first && s.HallId == hall.HallId && s.PersonKey == personKey, cancellationToken))
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, ScreeningProblems.RetestUnknown, $"No reading '{first}' of this person at hall '{hall.HallId}'.");
        }

        var localDate = HallTime.LocalDate(hall.TimeZone, takenAt);
        var bookings = policy.BookingRequired && request.PersonKind == PersonKinds.Visitor
            ? await db.VisitorBookings.AsNoTracking()
                .Where(b => b.HallId == hall.HallId && b.PersonKey == personKey && b.Active
                    && b.SlotEndsAt > takenAt.AddHours(-12) && b.SlotStartsAt < takenAt.AddHours(12))
                .Select(b => new BookedVisit(b.SlotStartsAt, b.SlotEndsAt, b.GreenChannel))
                .ToListAsync(cancellationToken)
            : [];
        var (testAt, testResult, antigenAt, antigenResult, symptoms) =
            (request.TestAt, request.TestResult, request.AntigenAt, request.AntigenResult, (IReadOnlyList<string>)[.. (request.Symptoms ?? []).OfType<string>()]);
        var (vaccinationDoses, vaccinationExempt) = ((int?)null, false);
        if (request.PersonKind == PersonKinds.Staff && await db.StaffHealthFiles.AsNoTracking().FirstOrDefaultAsync(f => f.PersonKey == personKey, cancellationToken) is { } file)
        {
            // The daily check-in decides on the whole 一人一档: results the device did not read come from
            // the file, and so do the symptoms declared for today and the vaccination.
            (vaccinationDoses, vaccinationExempt) = (file.VaccinationDoses, file.VaccinationExemptedAt is not null);
            var nucleic = file.Tests.Where(t => t.Kind == HealthTestKinds.Nucleic && t.At <= takenAt).MaxBy(t => t.At);
            var antigen = file.Tests.Where(t => t.Kind == HealthTestKinds.Antigen && t.At <= takenAt).MaxBy(t => t.At);
            (testAt, testResult) = testAt is null && nucleic is not null ? (nucleic.At, nucleic.Result) : (testAt, testResult);
            (antigenAt, antigenResult) = antigenAt is null && antigen is not null ? (antigen.At, antigen.Result) : (antigenAt, antigenResult);
            symptoms = [.. symptoms.Concat(file.Symptoms.Where(d => d.On == localDate).SelectMany(d => d.Symptoms)).Distinct(StringComparer.Ordinal)];
        }

        var facts = new ScreeningFacts
        {
            PersonKind = request.PersonKind!,
            At = takenAt,
            Age = ChineseIdNumber.AgeOn(idNumber, localDate),
            RegisteredDisabled = request.RegisteredDisabled ?? false,
            HealthCode = request.HealthCode!,
            OfflineCode = request.OfflineCode ?? false,
            TestAt = testAt,
            TestResult = testResult,
            AntigenAt = antigenAt,
            AntigenResult = antigenResult,
            TemperatureC = request.TemperatureC!.Value,
            Mask = request.Mask!.Value,
            Symptoms = symptoms,
            VaccinationDoses = vaccinationDoses,
            VaccinationExempt = vaccinationExempt,
            IsRetest = request.RetestOf is not null,
            Bookings = bookings,
        };
        var decision = ScreeningRules.Decide(policy, facts);

        var record = new ScreeningRecord
        {
            Id = request.ReadingId ?? Guid.CreateVersion7(now),
            HallId = hall.HallId,
            PersonKind = facts.PersonKind,
            PersonKey = personKey,
            IdNumberEncrypted = personalData.Encrypt(idNumber),
            IdNumberMasked = Masking.IdNumber(idNumber),
            NameEncrypted = personalData.Encrypt(person.Name!.Trim()),
            NameMasked = Masking.Name(person.Name.Trim()),
            AddressEncrypted = PersonalFields.Optional(person.Address) is { } address ? personalData.Encrypt(address) : null,
            PhoneEncrypted = PersonalFields.Optional(person.Phone) is { } phone ? personalData.Encrypt(phone) : null,
            TakenAt = takenAt,
            Lane = request.Lane,
            DeviceId = request.DeviceId,
            RecordedBy = user.Subject(),
            HealthCode = facts.HealthCode,
            OfflineCode = facts.OfflineCode,
            RegisteredDisabled = facts.RegisteredDisabled,
            TestAt = facts.TestAt?.ToUniversalTime(),
            TestResult = facts.TestResult,
            AntigenAt = facts.AntigenAt?.ToUniversalTime(),
            AntigenResult = facts.AntigenResult,
            TemperatureC = facts.TemperatureC,
            Mask = facts.Mask,
            Symptoms = [.. facts.Symptoms],
            RetestOf = request.RetestOf,
            Outcome = decision.Outcome,
            Findings = [.. decision.Findings],
            Measures = [.. decision.Measures],
            PolicyVersion = policy.Version,
            CreatedAt = now,
            PurgeAfter = takenAt.AddDays(policy.RetentionDays),
        };
        if (!await store.TryInsertAsync(record, Announcement(record, facts, policy, now), cancellationToken))
        {
            // The device sent this reading before (a retry, perhaps at the same moment): the first one decided.
            var earlier = await db.Screenings.AsNoTracking().FirstAsync(s => s.Id == record.Id, cancellationToken);
            return Replay(earlier, hall.HallId, personKey, httpResponse);
        }

        ScreeningTelemetry.Decided(record.HallId, record.PersonKind, decision);
        return TypedResults.Created($"/api/v1/screenings/{record.Id}", ScreeningResponse.From(record));
    }

    /// <summary>A reading id seen before: its decision again, if it is the same person at the same hall.</summary>
    private static Results<Created<ScreeningResponse>, Ok<ScreeningResponse>, ProblemHttpResult> Replay(
        ScreeningRecord earlier, string hallId, string personKey, HttpResponse httpResponse)
    {
        if (earlier.HallId != hallId || earlier.PersonKey != personKey)
        {
            return Problem.Of(StatusCodes.Status409Conflict, ScreeningProblems.ReadingIdReused, $"Reading '{earlier.Id}' was sent before for another person or hall.");
        }

        httpResponse.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Ok(ScreeningResponse.From(earlier));
    }

    /// <summary>The event that announces the outcome, if it has one (a retest or manual check waits for its sequel).</summary>
    private static OutboxMessage? Announcement(ScreeningRecord record, ScreeningFacts facts, ScreeningPolicy policy, DateTimeOffset now)
    {
        var rules = record.Findings.Where(f => f.Outcome == record.Outcome).Select(f => f.Rule).ToList();
        IIntegrationEvent? announced = record.Outcome switch
        {
            Outcomes.Admit => new PersonAdmitted(
                record.Id, record.HallId, record.PersonKey, record.PersonKind,
                facts.RegisteredDisabled ? "disabled" : facts.Age >= policy.ExemptFromAge ? "elderly" : null,
                record.Lane, record.PolicyVersion, record.CreatedAt),
            Outcomes.Isolate => new AbnormalPersonDetected(
                record.Id, record.HallId, record.PersonKey, record.PersonKind, rules, record.HealthCode, record.TemperatureC, record.Symptoms,
                record.Lane, record.PolicyVersion, record.CreatedAt),
            Outcomes.Deny => new ScreeningDenied(record.Id, record.HallId, record.PersonKey, record.PersonKind, rules, record.PolicyVersion, record.CreatedAt),
            _ => null,
        };
        return announced is null ? null : OutboxMessage.For(announced, now);
    }

    private static async Task<Results<Ok<ScreeningResponse>, ProblemHttpResult>> GetScreening(
        Guid screeningId, ScreeningDbContext db, CancellationToken cancellationToken)
    {
        var record = await db.Screenings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == screeningId, cancellationToken);
        return record is null ? Problem.NotFound($"Screening '{screeningId}' does not exist.") : TypedResults.Ok(ScreeningResponse.From(record));
    }
}
