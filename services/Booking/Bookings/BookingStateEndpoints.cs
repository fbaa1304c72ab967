using System.Security.Claims;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Booking.Bookings;

/// <summary><c>/api/v1/bookings/{id}/…</c>: the state changes of a booking — cancel, check in, serve.</summary>
public static class BookingStateEndpoints
{
    /// <summary>Maps cancel, check-in and serve onto the bookings group (after book and read, in the document's order).</summary>
    public static RouteGroupBuilder MapBookingStateEndpoints(this RouteGroupBuilder bookings)
    {
        bookings.MapPost("/{bookingId:guid}/cancel", CancelBooking).WithName("CancelBooking")
            .WithSummary("Cancel a booking")
            .WithDescription(
                "Cancels a confirmed booking: its place and its unit of the day's quota are given back and `BookingCancelled` is published. "
                + "Cancelling a cancelled booking answers it unchanged; a checked-in, served or no-show booking is 409 `not_cancellable`. "
                + "The body is optional: `{\"reason\": …}`. The booker or staff.")
            .WithOptionalBody()
            .WithRequestExample("""
                {"reason": "行程变更"}
                """)
            .ProducesProblems(StatusCodes.Status404NotFound, ProblemCodes.NotFound)
            .ProducesProblems(StatusCodes.Status409Conflict, BookingProblems.NotCancellable, ProblemCodes.ConcurrentUpdate);
        bookings.MapPost("/{bookingId:guid}/check-in", CheckIn).WithName("CheckInBooking")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Citizen, Roles.Portal, Roles.WindowStaff, Roles.Screener, Roles.DutyLeader))
            .WithSummary("Check in and take a queue ticket (取号)")
            .WithDescription(
                "Within the policy's window around the slot's start (`checkInEarlyMinutes` before, `checkInLateMinutes` after), hands out the next "
                + "ticket of the hall's day, unique and consecutive. Checking in again answers the same ticket.")
            .ProducesProblems(StatusCodes.Status404NotFound, ProblemCodes.NotFound)
            .ProducesProblems(StatusCodes.Status409Conflict, BookingProblems.NotConfirmed, ProblemCodes.ConcurrentUpdate)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, BookingProblems.CheckInTooEarly, BookingProblems.CheckInTooLate);
        bookings.MapPost("/{bookingId:guid}/serve", ServeBooking).WithName("ServeBooking")
            .RequireAuthorization(policy => policy.RequireRole(Roles.WindowStaff, Roles.DutyLeader))
            .WithSummary("Mark a checked-in booking served (办结)")
            .WithDescription(
                "Records when, by whom, at which window (`windowId`) and with which note the visitor was served, gives the person's active place "
                + "back and publishes `BookingServed`. Serving a served booking again answers 200 with the booking as first served and "
                + "`Idempotent-Replayed: true`; any other state than `checked_in` is 409 `not_servable`. The body is optional.")
            .WithOptionalBody()
            .WithRequestExample("""
                {"windowId": "w-03", "note": "材料齐全，当场办结"}
                """)
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true` when the booking had already been served.")
            .ProducesProblems(StatusCodes.Status404NotFound, ProblemCodes.NotFound)
            .ProducesProblems(StatusCodes.Status409Conflict, BookingProblems.NotServable, ProblemCodes.ConcurrentUpdate);
        return bookings;
    }

    /// <summary>
    /// Cancels a confirmed booking: its place in the slot and its unit of the day's quota are given back, the person's count goes down,
    /// and <see cref="Contracts.Bookings.V1.BookingCancelled"/> is published, in one transaction. Cancelling twice is harmless.
    /// </summary>
    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> CancelBooking(
        Guid bookingId, CancelBookingRequest? request, ClaimsPrincipal user, BookingStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = BookingValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var booking = await store.FindAsync(bookingId, cancellationToken);
        if (booking is null || !BookingAccess.MaySee(user, booking))
        {
            return BookingRefusals.NotFound(bookingId);
        }

        var now = timeProvider.GetUtcNow();
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? "cancelled_by_requester" : request.Reason.Trim();
        return booking.Cancel(reason, now) switch
        {
            BookingChange.Refused => BookingRefusals.Cancel(booking),
            BookingChange.Made when !await store.SaveCancelledAsync(booking, now, cancellationToken) => BookingRefusals.ConcurrentUpdate(bookingId),
            _ => TypedResults.Ok(BookingResponse.From(booking)),
        };
    }

    /// <summary>
    /// Checks a visitor in within the policy's window around the slot start and hands out the next
    /// queue ticket of the hall's day (取号), unique per hall and day. Checking in again returns the
    /// same ticket.
    /// </summary>
    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> CheckIn(
        Guid bookingId, ClaimsPrincipal user, BookingStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var booking = await store.FindAsync(bookingId, cancellationToken);
        if (booking is null || !BookingAccess.MaySee(user, booking))
        {
            return BookingRefusals.NotFound(bookingId);
        }

        var hall = await store.HallOfAsync(booking, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var window = CheckInWindow.Around(booking.SlotStartsAt, await store.PolicyAtAsync(booking, now, cancellationToken));
        return booking.MayCheckIn(window, now) switch
        {
            BookingChange.Unchanged => TypedResults.Ok(BookingResponse.From(booking)),
            BookingChange.Made when !await store.SaveCheckedInAsync(booking, now, cancellationToken) => BookingRefusals.ConcurrentUpdate(bookingId),
            BookingChange.Made => TypedResults.Ok(BookingResponse.From(booking)),
            var refused => BookingRefusals.CheckIn(refused, booking, window, hall),
        };
    }

    /// <summary>
    /// Marks a checked-in booking served (办结) at a window: records when, by whom, at which window and with
    /// which note, gives the person's active place back (the slot's place and the day's quota stay used: the
    /// visit happened) and publishes <see cref="Contracts.Bookings.V1.BookingServed"/>, in one transaction. The update is conditional
    /// on the revision read, so of a serve and any other change made at the same time only one commits.
    /// Serving a served booking again (a retry, or two windows at once) answers 200 with the booking as it was
    /// served first, <c>Idempotent-Replayed: true</c>, and publishes nothing; any other state is 409
    /// <c>not_servable</c>.
    /// </summary>
    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> ServeBooking(
        Guid bookingId,
        ServeBookingRequest? request,
        ClaimsPrincipal user,
        HttpResponse httpResponse,
        BookingStore store,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var errors = BookingValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        // Only window staff and duty leaders get here, and staff see every booking.
        var booking = await store.FindAsync(bookingId, cancellationToken);
        if (booking is null)
        {
            return BookingRefusals.NotFound(bookingId);
        }

        var now = timeProvider.GetUtcNow();
        var note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        if (booking.Serve(user.Subject(), request?.WindowId?.Trim(), note, now) != BookingChange.Made)
        {
            return AlreadyServedOrNot(booking);
        }

        var (saved, current) = await store.SaveServedAsync(booking, now, cancellationToken);
        if (saved)
        {
            return TypedResults.Ok(BookingResponse.From(booking));
        }

        // Another request changed it first (most likely the same serve from another window or a retry):
        // answer from what it made of the booking.
        return current.Status == BookingStatus.CheckedIn ? BookingRefusals.ConcurrentUpdate(bookingId) : AlreadyServedOrNot(current);

        Results<Ok<BookingResponse>, ProblemHttpResult> AlreadyServedOrNot(Booking b)
        {
            if (b.Status != BookingStatus.Served)
            {
                return BookingRefusals.Serve(b);
            }

            httpResponse.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Ok(BookingResponse.From(b));
        }
    }
}
