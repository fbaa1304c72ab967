using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicHall.Sanitation.Plans;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Sanitation.Waste;

/// <summary><c>/api/v1/halls/{hallId}/sanitation/waste-bags</c>: medical waste (涉疫垃圾) from bagging to a licensed collector.</summary>
public static class WasteEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapWasteEndpoints(this IEndpointRouteBuilder app)
    {
        var bags = app.MapGroup("/api/v1/halls/{hallId}/sanitation/waste-bags").WithTags("Sanitation waste");
        bags.MapPut("/{bagId}", PutBag).WithName("PutSanitationWasteBag")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader))
            .WithSummary("Register a filled bag")
            .WithDescription("A bag (201, state `bagged`) filled in `zoneId` (a zone of the hall), from `incidentId` when it comes from an isolation or a case; who and when are the token's subject and now. The same `bagId` and body again: 200 with `Idempotent-Replayed: true`; another body: 409 `waste_bag_id_reused`.")
            .WithRequestExample("""{"zoneId": "iso", "incidentId": "0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f90", "notes": "隔离区防护服、口罩"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: registered before under this `bagId` with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown, SanitationProblems.ZoneUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, SanitationProblems.WasteBagIdReused);
        WasteStepEndpoints.Map(bags);
        bags.MapGet("/{bagId}", GetBag).WithName("GetSanitationWasteBag")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader, Roles.Ops))
            .WithSummary("Read a bag and its timeline")
            .WithDescription("The bag's state, the step it may take next (`nextStep`, null once handed over) and its timeline: each step done, when, by whom, with its notes, agent and strength, or collector and handover number.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown, SanitationProblems.WasteBagUnknown);
        bags.MapGet("/", ListBags).WithName("ListSanitationWasteBags")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader, Roles.Ops))
            .WithSummary("List a hall's bags")
            .WithDescription($"Newest bagged first (ties by `bagId`, descending), optionally of one `state`, bagged on one `date` (the hall's local date) or from one `incidentId`; `limit` (1–{MaxLimit}, {DefaultLimit}) and the previous page's `nextCursor`.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown);
        return app;
    }

    /// <summary>What a waste handler needs besides the request.</summary>
    public sealed record WasteServices(SanitationDbContext Db, TimeProvider TimeProvider, ClaimsPrincipal User, HttpResponse Response);

    private static async Task<Results<Created<WasteBagView>, Ok<WasteBagView>, ProblemHttpResult>> PutBag(
        string hallId, string bagId, PutWasteBagRequest? request, [AsParameters] WasteServices services, CancellationToken cancellationToken)
    {
        var errors = WasteValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var db = services.Db;
        if (await db.Halls.FindKnownAsync(hallId, cancellationToken) is not { } hall)
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        var fingerprint = WasteValidation.Fingerprint(hallId, bagId, request!);
        if (await ReplayAsync(db, hallId, bagId, fingerprint, services.Response, cancellationToken) is { } replay)
        {
            return replay;
        }

        if (hall.Zones.All(z => z.ZoneId != request!.ZoneId))
        {
            return SanitationProblems.UnknownZone(hallId, request!.ZoneId);
        }

        var now = services.TimeProvider.GetUtcNow();
        var bag = new WasteBag
        {
            HallId = hallId,
            BagId = bagId,
            ZoneId = request!.ZoneId!,
            IncidentId = request.IncidentId,
            Notes = request.Notes,
            State = WasteBagState.Bagged,
            BaggedAt = now,
            LocalDate = HallTime.LocalDate(hall.TimeZone, now),
            BaggedBy = services.User.Subject(),
            Fingerprint = fingerprint,
        };
        db.WasteBags.Add(bag);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same bagId registered twice at once: the one stored answers the other.
            db.ChangeTracker.Clear();
            return await ReplayAsync(db, hallId, bagId, fingerprint, services.Response, cancellationToken)
                ?? SanitationProblems.StoredMeanwhile("该废物袋", "The bag");
        }

        return TypedResults.Created($"/api/v1/halls/{hallId}/sanitation/waste-bags/{bagId}", WasteBagView.From(bag));
    }

    /// <summary>A bag registered before under this id: 200 and <c>Idempotent-Replayed</c> with the same body, 409 with another.</summary>
    private static async Task<Results<Created<WasteBagView>, Ok<WasteBagView>, ProblemHttpResult>?> ReplayAsync(
        SanitationDbContext db, string hallId, string bagId, string fingerprint, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await WasteStore.FindAsync(db, hallId, bagId, cancellationToken) is not { } stored)
        {
            return null;
        }

        if (stored.Fingerprint != fingerprint)
        {
            return Problem.Of(StatusCodes.Status409Conflict, SanitationProblems.WasteBagIdReused, new Bilingual($"废物袋编号“{bagId}”已用于另一袋的登记。", $"Bag '{bagId}' was registered with another body."));
        }

        response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Ok(WasteBagView.From(stored));
    }

    private static async Task<Results<Ok<WasteBagView>, ProblemHttpResult>> GetBag(string hallId, string bagId, SanitationDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Halls.IsKnownAsync(hallId, cancellationToken))
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        return await WasteStore.FindAsync(db, hallId, bagId, cancellationToken) is { } bag
            ? TypedResults.Ok(WasteBagView.From(bag))
            : BagUnknown(hallId, bagId);
    }

    private static async Task<Results<Ok<WasteBagList>, ProblemHttpResult>> ListBags(
        string hallId,
        [AllowedValues(WasteBagStates.Bagged, WasteBagStates.Sealed, WasteBagStates.Disinfected, WasteBagStates.HandedOver)] string? state,
        DateOnly? date,
        [StringLength(36)] string? incidentId,
        [Range(1, MaxLimit)] int? limit,
        [StringLength(WasteCursor.MaxLength)] string? cursor,
        SanitationDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (state is not null && !WasteBagStates.All.Contains(state))
        {
            errors["state"] = [$"One of {string.Join(", ", WasteBagStates.All)}."];
        }

        SanitationHall.CheckDate(errors, date);

        Guid? incident = null;
        if (incidentId is not null)
        {
            if (Guid.TryParse(incidentId, out var parsed) && parsed != Guid.Empty)
            {
                incident = parsed;
            }
            else
            {
                errors["incidentId"] = ["A non-empty UUID."];
            }
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"From 1 to {MaxLimit}."];
        }

        var after = PageQuery.CheckCursor<WasteCursor>(errors, cursor, WasteCursor.TryParse);

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.IsKnownAsync(hallId, cancellationToken))
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        var query = new WasteBagQuery(state is null ? null : EnumText.Parse<WasteBagState>(state), date, incident, limit ?? DefaultLimit, after);
        return TypedResults.Ok(await WasteStore.ListAsync(db, hallId, query, cancellationToken));
    }

    internal static ProblemHttpResult BagUnknown(string hallId, string bagId) =>
        Problem.Of(StatusCodes.Status404NotFound, SanitationProblems.WasteBagUnknown, new Bilingual($"办事大厅“{hallId}”没有医疗废物袋“{bagId}”。", $"Hall '{hallId}' has no waste bag '{bagId}'."));
}
