using CivicHall.Booking.Agents;
using CivicHall.Booking.Slots;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// The one place where what the store (<c>booking_confirm</c>) or a <see cref="Booking"/> refused becomes
/// the problem the client is answered with.
/// </summary>
public static class BookingRefusals
{
    /// <summary>
    /// The problem for what <c>booking_confirm</c> refused. For a batch, <paramref name="personIndex"/>
    /// names the person it stopped at; nobody in the batch was booked.
    /// </summary>
    public static ProblemHttpResult Confirm(string outcome, BookingTarget target, string key, int? personIndex = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var batch = personIndex is null ? null : new Dictionary<string, object?> { ["personIndex"] = personIndex };
        var whole = personIndex is null ? string.Empty : $" (at people[{personIndex}]; nobody in the batch was booked)";
        var (hall, date, policy) = (target.Hall.HallId, target.Date, target.Policy);
        return outcome switch
        {
            BookingOutcome.IdempotencyConflict => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.IdempotencyKeyReused,
                $"Idempotency-Key '{key}' was used for a different request."),
            BookingProblems.SlotFull => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.SlotFull,
                $"Slot '{target.Slot.SlotId}' is fully booked{whole}.", batch),
            BookingProblems.QuotaReached => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.QuotaReached,
                $"Hall '{hall}' has no bookings left for {date:O}{whole}.", batch),
            BookingProblems.GreenChannelExhausted => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.GreenChannelExhausted,
                $"Hall '{hall}' has used its {policy.GreenChannelDailyLimit} green-channel bookings for {date:O}."),
            BookingProblems.TooManyActiveBookings => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.TooManyActiveBookings,
                $"A person may hold at most {policy.MaxActiveBookingsPerPerson} active bookings{whole}.", batch),
            BookingOutcome.CatalogChanged => Problem.ConcurrentUpdate($"Hall '{hall}' is being reconfigured; try again."),
            _ => throw new InvalidOperationException($"booking_confirm answered '{outcome}'."),
        };
    }

    /// <summary>Why an agent may not book a batch of <paramref name="people"/> (not registered, suspended, too many), or null when it may.</summary>
    public static ProblemHttpResult? Batch(Agent? agent, string agentId, int people)
    {
        if (agent is not { Active: true })
        {
            return Problem.Of(StatusCodes.Status403Forbidden, BookingProblems.AgentNotRegistered,
                agent is null ? $"'{agentId}' is not a registered agent (备案)." : $"The registration of agent '{agentId}' is suspended.");
        }

        return people > agent.MaxBatchSize
            ? Problem.Of(StatusCodes.Status422UnprocessableEntity, BookingProblems.BatchTooLarge,
                $"Agent '{agentId}' may book at most {agent.MaxBatchSize} people at once; this batch has {people}.")
            : null;
    }

    /// <summary>A booking that is not there, or not the caller's to see (the same answer, so nothing is given away).</summary>
    public static ProblemHttpResult NotFound(Guid bookingId) => Problem.NotFound($"Booking '{bookingId}' does not exist.");

    /// <summary>Another request changed the booking between our read and our write.</summary>
    public static ProblemHttpResult ConcurrentUpdate(Guid bookingId) =>
        Problem.ConcurrentUpdate($"Booking '{bookingId}' changed at the same time; reload and retry.");

    /// <summary>What <see cref="Booking.Cancel"/> refused.</summary>
    public static ProblemHttpResult Cancel(Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return Problem.Of(StatusCodes.Status409Conflict, BookingProblems.NotCancellable, $"A booking that is {EnumText.Of(booking.Status)} cannot be cancelled.");
    }

    /// <summary>What <see cref="Booking.MayCheckIn"/> refused.</summary>
    public static ProblemHttpResult CheckIn(BookingChange change, Booking booking, CheckInWindow window, HallDay hall)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(hall);
        return change switch
        {
            BookingChange.TooLate when booking.Status == BookingStatus.NoShow => Problem.Of(StatusCodes.Status422UnprocessableEntity,
                BookingProblems.CheckInTooLate, "Check-in for this booking has closed; it was marked a no-show."),
            BookingChange.Refused => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.NotConfirmed,
                $"A booking that is {EnumText.Of(booking.Status)} cannot be checked in."),
            BookingChange.TooEarly => Problem.Of(StatusCodes.Status422UnprocessableEntity, BookingProblems.CheckInTooEarly,
                $"Check-in opens at {hall.Local(window.Opens):HH:mm}."),
            BookingChange.TooLate => Problem.Of(StatusCodes.Status422UnprocessableEntity, BookingProblems.CheckInTooLate,
                $"Check-in closed at {hall.Local(window.Closes):HH:mm}."),
            _ => throw new InvalidOperationException($"Check-in of booking '{booking.Id}' was not refused ({change})."),
        };
    }

    /// <summary>What <see cref="Booking.Serve"/> refused: not checked in yet, or past serving.</summary>
    public static ProblemHttpResult Serve(Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var detail = booking.Status == BookingStatus.Confirmed
            ? "The booking is not checked in yet; the visitor takes a queue ticket (check-in) before being served."
            : $"A booking that is {EnumText.Of(booking.Status)} cannot be served; only a checked-in booking can.";
        return Problem.Of(StatusCodes.Status409Conflict, BookingProblems.NotServable, detail);
    }
}
