using CivicHall.Booking.Agents;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// <c>POST /api/v1/bookings/batches</c>: batch bookings by registered agents (帮办代办, 备案制) for an
/// enterprise's staff. Every person is checked like a single booking, and the batch is booked in one
/// transaction: a slot without room for all, a spent quota or one person over their limit refuses
/// the whole batch and names the person.
/// </summary>
public static class BatchBookingEndpoints
{
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
            .WithIdempotencyKey(IdempotencyKeyHeader.BatchMaxLength)
            .WithRequestExample("""
                {"hallId": "qingpu", "itemId": "pension", "slotId": "20261201-0900-social", "enterprise": "上海某某科技有限公司", "people": [{"idNumber": "990101198001011236", "name": "张三"}, {"idNumber": "99010119900615234X", "name": "李四", "phone": "021-62345678"}]}
                """)
            .ProducesProblems(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, BookingProblems.AgentNotRegistered)
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown, BookingProblems.ItemUnknown, BookingProblems.SlotUnknown)
            .ProducesProblems(
                StatusCodes.Status409Conflict,
                BookingProblems.SlotFull, BookingProblems.QuotaReached, BookingProblems.TooManyActiveBookings, BookingProblems.OnlineRouteAvailable,
                BookingProblems.BookingNotConfigured, BookingProblems.IdempotencyKeyReused, ProblemCodes.ConcurrentUpdate, BookingProblems.ZoneClosed)
            .ProducesProblems(
                StatusCodes.Status422UnprocessableEntity,
                BookingProblems.BatchTooLarge, BookingProblems.HallClosed, BookingProblems.OnlineOnly, BookingProblems.OutsideHorizon, BookingProblems.SlotPast);
        return app;
    }

    private static async Task<Results<Created<BatchBookingResponse>, Ok<BatchBookingResponse>, ProblemHttpResult>> CreateBatch(
        CreateBatchBookingRequest? request, [AsParameters] BookingServices services, CancellationToken cancellationToken)
    {
        var now = services.TimeProvider.GetUtcNow();
        var key = services.IdempotencyKey;
        var errors = BookingValidation.Validate(request, key, now);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var agentId = services.User.Subject();
        var people = request!.People!;
        var agent = await services.Store.AgentAsync(agentId, cancellationToken);
        if (BookingRefusals.Batch(agent, agentId, people.Count) is { } refused)
        {
            return refused;
        }

        var enterprise = request.Enterprise!.Trim();
        var ask = new BookingAsk(request.HallId!, request.ItemId!, request.SlotId!, BookingKinds.Regular, request.ConfirmOnSite == true);
        var made = new BookingFactory.Terms(BookingChannels.Portal, BookingKinds.Agent, agentId, now, AgentId: agentId, Enterprise: enterprise);
        var requestHash = BookingRequestHash.Of(request);
        return await services.BookAsync(
            ask,
            now,
            async target =>
            {
                // Each person's booking is recorded under the batch's key and its place in the batch.
                var writes = people.Select((person, i) =>
                {
                    var booking = BookingFactory.Create(target, person!, made, services.PersonalData);
                    return new BookingWrite(booking, BookingEvents.Confirmed(booking, now), $"{key}#{i}");
                }).ToList();
                var terms = new BookingTerms(
                    target.Catalog.Version, UseReserved: false, TakePlaces: true, target.Policy.MaxActiveBookingsPerPerson, null, agentId, requestHash, now);
                return Confirmation.Of(writes, await services.Store.ConfirmBatchAsync(writes, terms, cancellationToken));
            },
            bookings => new BatchBookingResponse(agentId, enterprise, [.. bookings.Select(BookingResponse.From)]),
            cancellationToken);
    }
}
