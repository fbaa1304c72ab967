using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// <c>POST /api/v1/bookings/batches</c>: batch bookings by registered agents (帮办代办, 备案制) for an
/// enterprise's staff. Every person is checked like a single booking, and the batch is booked in one
/// transaction: a slot without room for all, a spent quota or one person over their limit refuses
/// the whole batch and names the person.
/// </summary>
public static class BatchBookingEndpoints
{
    public const int IdempotencyKeyMaxLength = 100;

    public static IEndpointRouteBuilder MapBatchBookingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/bookings/batches").WithTags("Bookings")
            .MapPost("/", CreateBatch).WithName("CreateBatchBooking")
            .AddEndpointFilter(BookingTelemetry.CountAnswer)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Agent))
            .WithSummary("Book an enterprise's people into one slot (帮办代办)")
            .WithDescription(
                "A registered, active agent (the token's subject is the agent id of `PUT /api/v1/agents/{agentId}`) books up to its `maxBatchSize` "
                + "people into one slot: all of them or none. A refusal that stops at one person names them with `personIndex` in the problem. "
                + "Answers 201 with every booking; the same `Idempotency-Key` with the same body answers 200 with the batch first made.")
            .WithIdempotencyKey(IdempotencyKeyMaxLength)
            .WithRequestExample("""
                {"hallId": "qingpu", "itemId": "pension", "slotId": "20261201-0900-social", "enterprise": "上海某某科技有限公司", "people": [{"idNumber": "990101198001011236", "name": "张三"}, {"idNumber": "99010119900615234X", "name": "李四", "phone": "021-62345678"}]}
                """)
            .ProducesProblems(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, BookingProblems.AgentNotRegistered)
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown, BookingProblems.ItemUnknown, BookingProblems.SlotUnknown)
            .ProducesProblems(
                StatusCodes.Status409Conflict,
                BookingProblems.SlotFull, BookingProblems.QuotaReached, BookingProblems.TooManyActiveBookings, BookingProblems.OnlineRouteAvailable,
                BookingProblems.BookingNotConfigured, BookingProblems.IdempotencyKeyReused, ProblemCodes.ConcurrentUpdate)
            .ProducesProblems(
                StatusCodes.Status422UnprocessableEntity,
                BookingProblems.BatchTooLarge, BookingProblems.HallClosed, BookingProblems.OnlineOnly, BookingProblems.OutsideHorizon, BookingProblems.SlotPast);
        return app;
    }

    private static async Task<Results<Created<BatchBookingResponse>, Ok<BatchBookingResponse>, ProblemHttpResult>> CreateBatch(
        CreateBatchBookingRequest? request,
        HttpRequest httpRequest,
        HttpResponse httpResponse,
        ClaimsPrincipal user,
        BookingDbContext db,
        BookingTargets targets,
        BookingStore store,
        PersonalDataProtector personalData,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var key = httpRequest.Headers[BookingEndpoints.IdempotencyHeader].ToString();
        var errors = Validate(request, key, now);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var agentId = user.Subject();
        var agent = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.AgentId == agentId, cancellationToken);
        if (agent is not { Active: true })
        {
            return Problem.Of(StatusCodes.Status403Forbidden, BookingProblems.AgentNotRegistered,
                agent is null ? $"'{agentId}' is not a registered agent (备案)." : $"The registration of agent '{agentId}' is suspended.");
        }

        var people = request!.People!;
        if (people.Count > agent.MaxBatchSize)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, BookingProblems.BatchTooLarge,
                $"Agent '{agentId}' may book at most {agent.MaxBatchSize} people at once; this batch has {people.Count}.");
        }

        var enterprise = request.Enterprise!.Trim();
        var ask = new BookingAsk(request.HallId!, request.ItemId!, request.SlotId!, BookingKinds.Regular, request.ConfirmOnSite == true);
        var requestHash = RequestHash(request);
        for (var attempt = 1; ; attempt++)
        {
            var (target, problem) = await targets.ResolveAsync(ask, now, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            var writes = people.Select((person, i) =>
            {
                var booking = BookingEndpoints.NewBooking(
                    target!, person!, BookingChannels.Portal, BookingKinds.Agent, agentId, now, personalData, agentId: agentId, enterprise: enterprise);
                return new BookingWrite(booking, BookingEndpoints.Confirmed(booking, now), $"{key}#{i}");
            }).ToList();
            var terms = new BookingTerms(
                target!.Catalog.Version, UseReserved: false, TakePlaces: true, target.Policy.MaxActiveBookingsPerPerson, null, agentId, requestHash, now);
            var outcome = await store.ConfirmBatchAsync(writes, terms, cancellationToken);
            if (outcome.Outcome == BookingOutcome.CatalogChanged && attempt < BookingEndpoints.MaxCatalogAttempts)
            {
                targets.Forget(target);
                continue;
            }

            var local = target.Hall.Local;
            switch (outcome.Outcome)
            {
                case BookingOutcome.Confirmed:
                    return TypedResults.Created(
                        $"/api/v1/bookings/{outcome.BookingIds[0]}",
                        new BatchBookingResponse(agentId, enterprise, writes.Select(w => BookingResponse.From(w.Booking, local)).ToList()));
                case BookingOutcome.Replayed:
                    var earlier = await db.Bookings.AsNoTracking().Where(b => outcome.BookingIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
                    httpResponse.Headers["Idempotent-Replayed"] = "true";
                    return TypedResults.Ok(new BatchBookingResponse(agentId, enterprise, outcome.BookingIds.Select(id => BookingResponse.From(earlier[id], local)).ToList()));
                default:
                    return BookingEndpoints.Refusal(outcome.Outcome, target, key, outcome.RefusedAt);
            }
        }
    }

    private static string RequestHash(CreateBatchBookingRequest request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request with
        {
            Enterprise = request.Enterprise!.Trim(),
            People = request.People!.Select(p => p! with { IdNumber = ChineseIdNumber.Normalize(p.IdNumber!) }).ToList(),
        }))))[..64];

    private static Dictionary<string, string[]> Validate(CreateBatchBookingRequest? request, string key, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(key) || key.Length > IdempotencyKeyMaxLength)
        {
            errors[BookingEndpoints.IdempotencyHeader] = [$"The Idempotency-Key header is required (at most {IdempotencyKeyMaxLength} characters)."];
        }

        if (request is null)
        {
            errors["body"] = ["A JSON body with the batch is required."];
            return errors;
        }

        BookingEndpoints.ValidateAsk(request.HallId, request.ItemId, request.SlotId, errors);

        if (string.IsNullOrWhiteSpace(request.Enterprise) || request.Enterprise.Trim().Length > 200)
        {
            errors["enterprise"] = ["Required: the enterprise the people work for, at most 200 characters."];
        }

        if (request.People is not { Count: > 0 })
        {
            errors["people"] = ["At least one person."];
            return errors;
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.People.Count; i++)
        {
            var person = request.People[i];
            BookingEndpoints.ValidatePerson(person, $"people[{i}]", errors, today);
            if (person?.IdNumber is { } id && ChineseIdNumber.IsValid(id, today.AddDays(1)) && !seen.Add(ChineseIdNumber.Normalize(id)))
            {
                errors[$"people[{i}].idNumber"] = ["This person is already in the batch."];
            }
        }

        return errors;
    }
}
