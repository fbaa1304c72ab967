using System.Security.Claims;
using CivicHall.Contracts.Screening.V1;
using CivicHall.Screening.Decisions;
using CivicHall.Screening.Policies;
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
        CreateScreeningRequest? request, HttpResponse httpResponse, ClaimsPrincipal user, [AsParameters] ScreeningServices services, CancellationToken cancellationToken)
    {
        var (store, personalData) = (services.Store, services.PersonalData);
        var now = services.TimeProvider.GetUtcNow();
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
        var (hall, policy) = await services.Catalog.ResolveAsync(request.HallId!, takenAt, cancellationToken);
        if (hall is null)
        {
            return ScreeningProblems.UnknownHall(request.HallId!);
        }

        if (policy is null)
        {
            return Problem.Of(StatusCodes.Status409Conflict, ScreeningProblems.ScreeningNotConfigured, new Bilingual(
                $"大厅“{hall.HallId}”在 {takenAt:O} 没有生效的入口核验规则。", $"Hall '{hall.HallId}' has no screening policy in force at {takenAt:O}."));
        }

        var person = request.Person!;
        var idNumber = ChineseIdNumber.Normalize(person.IdNumber!);
        var personKey = personalData.PersonKey(idNumber);
        if (request.RetestOf is { } first && !await store.IsReadingOfAsync(first, hall.HallId, personKey, cancellationToken))
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, ScreeningProblems.RetestUnknown, new Bilingual(
                $"大厅“{hall.HallId}”没有此人的核验记录“{first}”。", $"No reading '{first}' of this person at hall '{hall.HallId}'."));
        }

        var localDate = HallTime.LocalDate(hall.TimeZone, takenAt);
        var bookings = policy.BookingRequired && request.PersonKind == PersonKinds.Visitor
            ? await store.BookingsAroundAsync(hall.HallId, personKey, takenAt, cancellationToken)
            : [];
        var staffFile = request.PersonKind == PersonKinds.Staff ? await services.StaffHealthFiles.ReadByPersonAsync(personKey, cancellationToken) : null;
        var facts = ReadingFacts.Of(request, idNumber, takenAt, localDate, bookings, staffFile);
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
        if (!await store.TryInsertAsync(record, ScreeningAnnouncement.For(record, facts, policy, staffFile?.StaffId, now), cancellationToken))
        {
            // The device sent this reading before (a retry, perhaps at the same moment): the first one decided.
            var earlier = await store.ReadAsync(record.Id, cancellationToken) ?? throw new InvalidOperationException($"Reading {record.Id} was neither written nor found.");
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
            return Problem.Of(StatusCodes.Status409Conflict, ScreeningProblems.ReadingIdReused, new Bilingual(
                $"核验编号“{earlier.Id}”已用于其他人员或大厅。", $"Reading '{earlier.Id}' was sent before for another person or hall."));
        }

        httpResponse.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Ok(ScreeningResponse.From(earlier));
    }

    private static async Task<Results<Ok<ScreeningResponse>, ProblemHttpResult>> GetScreening(
        Guid screeningId, ScreeningStore store, CancellationToken cancellationToken)
    {
        var record = await store.ReadAsync(screeningId, cancellationToken);
        return record is null ? Problem.NotFound(new Bilingual($"核验记录“{screeningId}”不存在。", $"Screening '{screeningId}' does not exist.")) : TypedResults.Ok(ScreeningResponse.From(record));
    }
}
