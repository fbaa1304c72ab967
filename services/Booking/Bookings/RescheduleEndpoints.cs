using CivicHall.Contracts.Bookings.V1;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Booking.Bookings;

/// <summary><c>POST /api/v1/bookings/{id}/reschedule</c>: the citizen moves their booking to another slot (改约).</summary>
public static class RescheduleEndpoints
{
    /// <summary>Maps the reschedule onto the bookings group.</summary>
    public static RouteGroupBuilder MapRescheduleEndpoints(this RouteGroupBuilder bookings)
    {
        bookings.MapPost("/{bookingId:guid}/reschedule", Reschedule).WithName("RescheduleBooking")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Citizen, Roles.Portal))
            .WithSummary("Move my booking to another slot (改约)")
            .WithDescription(
                "Moves a confirmed booking the caller made to another open slot of the same item at the same hall, on any day bookings are open "
                + "for (the same checks as a new booking: horizon, planned day, zone closures, on-site suspension; the walk-in reserve is not "
                + "taken). The new place (and, on another day, a unit of that day's quota) is taken and the old one given back in one transaction, "
                + "so a booking never holds both nor loses both; `BookingMoved` (reason `citizen_rescheduled`) is published. At most the policy's "
                + "`maxReschedules` moves per booking (409 `reschedule_limit_reached`); not after check-in, serving, a no-show or a cancellation "
                + "(409 `not_reschedulable`); a full slot is 409 `slot_full` and the booking keeps its place. The same `Idempotency-Key` with the "
                + "same body answers 200 with the booking as it is and `Idempotent-Replayed: true`; with another body, 409. Someone else's booking is 404.")
            .WithIdempotencyKey(IdempotencyKeyHeader.BookingMaxLength)
            .WithRequestExample("""
                {"slotId": "20261202-1000-social", "reason": "临时出差"}
                """)
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: moved before under this `Idempotency-Key` with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, ProblemCodes.NotFound, BookingProblems.HallUnknown, BookingProblems.ItemUnknown, BookingProblems.SlotUnknown)
            .ProducesProblems(
                StatusCodes.Status409Conflict,
                BookingProblems.SlotFull, BookingProblems.QuotaReached, BookingProblems.NotReschedulable, BookingProblems.RescheduleLimitReached,
                BookingProblems.OnlineRouteAvailable, BookingProblems.BookingNotConfigured, BookingProblems.IdempotencyKeyReused, ProblemCodes.ConcurrentUpdate,
                BookingProblems.ZoneClosed)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, BookingProblems.HallClosed, BookingProblems.OnlineOnly, BookingProblems.OutsideHorizon, BookingProblems.SlotPast);
        return bookings;
    }

    /// <summary>
    /// Decides the new slot on the catalog as a new booking is decided (<see cref="BookingTargets"/>), then lets
    /// <c>booking_reschedule</c> move it under the booking's lock; decided again when the catalog changed meanwhile.
    /// </summary>
    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Reschedule(
        Guid bookingId, RescheduleBookingRequest? request, [AsParameters] BookingServices services, RescheduleStore moves, CancellationToken cancellationToken)
    {
        // Someone else's booking is 404 whatever the body: nothing about it is given away.
        var subject = services.User.Subject();
        var booking = await services.Store.ReadAsync(bookingId, cancellationToken);
        if (booking is null || booking.CreatedBy != subject)
        {
            return BookingRefusals.NotFound(bookingId);
        }

        var key = services.IdempotencyKey;
        var errors = RescheduleValidation.Validate(request, key);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var now = services.TimeProvider.GetUtcNow();
        var reason = string.IsNullOrWhiteSpace(request!.Reason) ? null : request.Reason.Trim();
        var terms = new RescheduleTerms(subject, key, RescheduleTerms.Hash(bookingId, request.SlotId!, reason), reason, now);
        if (await services.Store.IdempotencyKeyAsync(subject, key, cancellationToken) is { } earlier)
        {
            return earlier.RequestHash == terms.RequestHash ? Replayed(booking, services.Response) : Refusal(BookingOutcome.IdempotencyConflict, booking, null, key);
        }

        if (booking.RescheduleRefusal(int.MaxValue) is { } refused)
        {
            return Refusal(refused, booking, null, key);
        }

        if (request.SlotId == booking.SlotId)
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["slotId"] = ["The booking is in this slot already: choose another one."] });
        }

        var ask = new BookingAsk(booking.HallId, booking.ItemId, request.SlotId!, booking.Kind, ConfirmOnSite: true);
        for (var attempt = 1; ; attempt++)
        {
            var (resolved, problem) = await services.Targets.ResolveAsync(ask, now, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            var target = resolved!;
            var outcome = booking.RescheduleRefusal(target.Policy.MaxReschedules) ?? await moves.RescheduleAsync(booking, target, terms, cancellationToken);
            switch (outcome)
            {
                case BookingOutcome.CatalogChanged when attempt < BookingServices.MaxCatalogAttempts:
                    services.Targets.Forget(target);
                    continue;
                case BookingOutcome.Moved:
                    return TypedResults.Ok(BookingResponse.From((await services.Store.ReadAsync(bookingId, cancellationToken))!));
                case BookingOutcome.Replayed:
                    return Replayed((await services.Store.ReadAsync(bookingId, cancellationToken))!, services.Response);
                default:
                    return Refusal(outcome, booking, target, key);
            }
        }
    }

    private static Ok<BookingResponse> Replayed(Booking booking, HttpResponse response)
    {
        response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Ok(BookingResponse.From(booking));
    }

    private static ProblemHttpResult Refusal(string outcome, Booking booking, BookingTarget? target, string key) => outcome switch
    {
        BookingOutcome.NotReschedulable => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.NotReschedulable, booking.PlaceStripe is null && booking.Status == BookingStatus.Confirmed
            ? new Bilingual("绿色通道预约不占用时段名额，不可改约。", "A green-channel booking holds no place in a slot and cannot be moved.")
            : new Bilingual($"状态为 {EnumText.Of(booking.Status)} 的预约不可改约。", $"A booking that is {EnumText.Of(booking.Status)} cannot be moved to another slot.")),
        BookingOutcome.RescheduleLimitReached => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.RescheduleLimitReached,
            new Bilingual($"该预约已改约 {booking.RescheduleCount} 次，已达上限。", $"The booking has been moved {booking.RescheduleCount} times, as often as the hall allows.")),
        BookingOutcome.ConcurrentUpdate or BookingOutcome.CatalogChanged => BookingRefusals.ConcurrentUpdate(booking.Id),
        BookingOutcome.IdempotencyConflict => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.IdempotencyKeyReused,
            new Bilingual($"幂等键“{key}”已用于另一个请求。", $"Idempotency-Key '{key}' was used for a different request.")),
        _ => BookingRefusals.Confirm(outcome, target!, key),
    };
}
