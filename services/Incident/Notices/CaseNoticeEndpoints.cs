using CivicHall.Incident.Cases;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.PersonalData;
using static CivicHall.Incident.Cases.IncidentEndpoints;

namespace CivicHall.Incident.Notices;

/// <summary><c>POST /api/v1/incidents/notices</c>: an authority's notice of a suspected or confirmed case opens a <c>case_notice</c> case.</summary>
public static class CaseNoticeEndpoints
{
    public static IEndpointRouteBuilder MapCaseNoticeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/incidents/notices", Notify).WithTags("Incidents").WithName("NoticeIncident")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .WithSummary("Open a case from an authority's notice")
            .WithDescription("An authority (`authority`) tells the hall that a `visitor` or `staff` member who was in it (`days`, 1–14 dates) is a `suspected` or `confirmed` case: a `case_notice` case opens (201, `IncidentOpened`). The ID number (`idNumber`) is kept only as screening's person key (`personKey`, the same keyed hash screening gives the person) and an encrypted copy; it is never stored, logged or answered in clear. The person is not in the hall: the case goes `opened → reported → closed`. Idempotent by the client's `incidentId`: the same id and body again answer 200 with `Idempotent-Replayed: true`; another body is 409 `incident_id_reused`.")
            .WithRequestExample("""{"incidentId": "0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f91", "hallId": "qingpu", "idNumber": "310101199001011234", "personKind": "visitor", "authority": "青浦区疾病预防控制中心", "status": "confirmed", "days": ["2026-11-27", "2026-11-28"], "summary": "该人员11月27日、28日曾到大厅办事"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: opened before under this `incidentId` with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.HallUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.IncidentIdReused);
        return app;
    }

    private static async Task<Results<Created<IncidentView>, Ok<IncidentView>, ProblemHttpResult>> Notify(
        CaseNoticeRequest? request, [AsParameters] IncidentServices services, PersonalDataProtector personalData, CancellationToken cancellationToken)
    {
        var now = services.TimeProvider.GetUtcNow();
        var errors = CaseNoticeValidation.Validate(request, now);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var db = services.Db;
        var incidentId = request!.IncidentId!.Value;
        var idNumber = ChineseIdNumber.Normalize(request.IdNumber!);
        var personKey = personalData.PersonKey(idNumber);
        var fingerprint = CaseNoticeValidation.Fingerprint(request, personKey);
        if (await ReplayAsync(db, incidentId, fingerprint, services.Response, cancellationToken) is { } replay)
        {
            return replay;
        }

        if (await db.Halls.FindKnownAsync(request.HallId!, cancellationToken) is not { } hall)
        {
            return HallUnknown(request.HallId!);
        }

        var summary = string.IsNullOrWhiteSpace(request.Summary) ? null : request.Summary.Trim();
        var incident = IncidentCase.Open(incidentId, hall.HallId, IncidentKind.CaseNotice, services.User.Subject(), now,
            summary: summary, personKey: personKey, personKind: request.PersonKind, fingerprint: fingerprint, idNumberEncrypted: personalData.Encrypt(idNumber));
        var details = new IncidentStepDetails
        {
            Summary = summary,
            Authority = request.Authority!.Trim(),
            NoticeStatus = request.Status,
            Days = [.. request.Days!.Order()],
        };
        IncidentStore.AddOpened(db, incident, details, services.TimeProvider);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return await ReplayAsync(db, incidentId, fingerprint, services.Response, cancellationToken)
                ?? IncidentProblems.StoredMeanwhile("该事件", "The case");
        }

        return TypedResults.Created($"/api/v1/incidents/{incidentId}", await IncidentStore.ViewAsync(db, incident, cancellationToken));
    }
}
