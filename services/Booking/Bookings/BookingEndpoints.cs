using System.Security.Claims;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Booking.Bookings;

/// <summary><c>/api/v1/bookings</c>: book and read; cancel, check in and serve are in <see cref="BookingStateEndpoints"/>.</summary>
public static class BookingEndpoints
{
    public static IEndpointRouteBuilder MapBookingEndpoints(this IEndpointRouteBuilder app)
    {
        var bookings = app.MapGroup("/api/v1/bookings").WithTags("Bookings");
        bookings.MapPost("/", CreateBooking).WithName("CreateBooking")
            .AddEndpointFilter(BookingTelemetry.CountAnswer)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Citizen, Roles.Portal, Roles.WindowStaff, Roles.DutyLeader))
            .WithSummary("Book a place in a slot")
            .WithDescription(
                "Books one person into a slot of a hall's day (from `GET /api/v1/halls/{hallId}/slots`). The channel follows the caller: `app` for citizens, "
                + "`portal` for the 一网通办 portal, `phone` and `on_site` (special groups, today) for window staff; a duty leader may book through the "
                + "green channel (`greenChannel.reason`, outside the quota, audited). An online-capable item answers 409 `online_route_available` with "
                + "`onlineRoute` in the problem; send again with `confirmOnSite: true` to come anyway. Answers 201 with the booking and its `Location`; "
                + "the same `Idempotency-Key` with the same body answers 200 with the booking first made. A full slot is refused before anything is written. "
                + "While incident's containment has closed the zone of the item's window group the answer is 409 `zone_closed`; while on-site service "
                + "is suspended, 422 `hall_closed`.")
            .WithIdempotencyKey(IdempotencyKeyHeader.BookingMaxLength)
            .WithRequestExample("""
                {"hallId": "qingpu", "itemId": "pension", "slotId": "20261201-0900-social", "channel": "app", "person": {"idNumber": "990101198001011236", "name": "张三", "phone": "13800001234"}}
                """)
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown, BookingProblems.ItemUnknown, BookingProblems.SlotUnknown)
            .ProducesProblems(
                StatusCodes.Status409Conflict,
                BookingProblems.SlotFull, BookingProblems.QuotaReached, BookingProblems.TooManyActiveBookings, BookingProblems.GreenChannelExhausted,
                BookingProblems.OnlineRouteAvailable, BookingProblems.BookingNotConfigured, BookingProblems.IdempotencyKeyReused, ProblemCodes.ConcurrentUpdate,
                BookingProblems.ZoneClosed)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, BookingProblems.HallClosed, BookingProblems.OnlineOnly, BookingProblems.OutsideHorizon, BookingProblems.SlotPast);
        bookings.MapGet("/{bookingId:guid}", GetBooking).WithName("GetBooking")
            .WithSummary("Read a booking")
            .WithDescription("The booking with the person masked. Staff see every booking; a citizen, the portal or an agent only those they made (any other is 404). "
                + "Once checked in, `queue` says where its ticket is: `waiting` with `position` (1 is next), `ahead` and `estimatedWaitMinutes`, or `called` "
                + "with the window and `calledAt`.")
            .ProducesProblems(StatusCodes.Status404NotFound, ProblemCodes.NotFound);
        bookings.MapMyBookingsEndpoints();
        bookings.MapBookingStateEndpoints();
        bookings.MapRescheduleEndpoints();
        return app;
    }

    /// <summary>
    /// Books a place. The same <c>Idempotency-Key</c> with the same body returns the same booking
    /// (200, <c>Idempotent-Replayed: true</c>); with another body it is refused (409).
    /// </summary>
    private static async Task<Results<Created<BookingResponse>, Ok<BookingResponse>, ProblemHttpResult>> CreateBooking(
        CreateBookingRequest? request, [AsParameters] BookingServices services, CancellationToken cancellationToken)
    {
        var now = services.TimeProvider.GetUtcNow();
        var errors = BookingValidation.Validate(request, services.IdempotencyKey, services.User, now);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var green = request!.GreenChannel is not null;
        var kind = green ? BookingKinds.GreenChannel : request.SpecialGroup is not null ? BookingKinds.SpecialGroup : BookingKinds.Regular;
        var ask = new BookingAsk(request.HallId!, request.ItemId!, request.SlotId!, kind, request.ConfirmOnSite == true);
        var made = new BookingFactory.Terms(
            request.Channel!, kind, services.User.Subject(), now, request.SpecialGroup, green ? request.GreenChannel!.Reason!.Trim() : null);
        var requestHash = BookingRequestHash.Of(request);
        return await services.BookAsync(
            ask,
            now,
            async target =>
            {
                var booking = BookingFactory.Create(target, request.Person!, made, services.PersonalData);
                var terms = new BookingTerms(
                    target.Catalog.Version, UseReserved: kind == BookingKinds.SpecialGroup, TakePlaces: !green, target.Policy.MaxActiveBookingsPerPerson,
                    green ? target.Policy.GreenChannelDailyLimit : null, made.CreatedBy, requestHash, now);
                var write = new BookingWrite(booking, BookingEvents.Confirmed(booking, now), services.IdempotencyKey);
                var outcome = await services.Store.ConfirmAsync(write, terms, cancellationToken);
                if (green && outcome.Outcome == BookingOutcome.Confirmed)
                {
                    services.Logger.LogGreenChannel(booking.Id, booking.HallId, booking.CreatedBy);
                }

                return Confirmation.Of(booking, outcome);
            },
            bookings => BookingResponse.From(bookings[0]),
            cancellationToken);
    }

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> GetBooking(
        Guid bookingId, ClaimsPrincipal user, BookingStore store, CancellationToken cancellationToken)
    {
        var booking = await store.ReadAsync(bookingId, cancellationToken);
        if (booking is null || !BookingAccess.MaySee(user, booking))
        {
            return BookingRefusals.NotFound(bookingId);
        }

        var response = BookingResponse.From(booking);
        return TypedResults.Ok(booking.Status == BookingStatus.CheckedIn ? response with { Queue = await store.QueuePlaceAsync(booking, cancellationToken) } : response);
    }
}
