namespace CivicHall.Booking.Calls;

/// <summary>
/// A call as staff and the calling screen see it: the ticket number, the window it was called to, when, and whether it is the
/// ticket's second call after a miss (<c>recall</c>). No personal data; <c>bookingId</c> and the outcome only in staff answers.
/// </summary>
public sealed record CallResponse(
    long CallId,
    string HallId,
    int TicketNumber,
    Guid BookingId,
    string WindowId,
    string WindowName,
    string WindowGroup,
    DateTimeOffset CalledAt,
    bool Recall,
    [property: System.ComponentModel.DataAnnotations.AllowedValues("served", "missed", null)] string? Outcome,
    DateTimeOffset? FinishedAt)
{
    public static CallResponse From(TicketCall c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.HallId, c.TicketNumber, c.BookingId, c.WindowId, c.WindowName, c.WindowGroup, c.CalledAt.ToUniversalTime(), c.Recall,
            c.Outcome switch { CallOutcome.Served => "served", CallOutcome.Missed => "missed", _ => null }, c.FinishedAt?.ToUniversalTime());
    }
}

/// <summary>What the calling screen above the windows shows of a call (<c>event: call</c>): nothing about the person.</summary>
public sealed record ScreenCall(long CallId, int TicketNumber, string WindowId, string WindowName, DateTimeOffset CalledAt, bool Recall);

/// <summary>A page of a hall's calls, newest first.</summary>
public sealed record CallPage(string HallId, IReadOnlyList<CallResponse> Calls, string? NextCursor);

/// <summary>
/// A call marked missed (过号): <c>requeued</c> with the tickets now <c>ahead</c> of it (the policy's <c>requeueAfter</c>, fewer
/// when fewer wait), or <c>dropped</c> on its second miss (the booking is then a no-show).
/// </summary>
public sealed record MissedResponse(long CallId, int TicketNumber, Guid BookingId, string Outcome, int? Ahead);

/// <summary>The hall's windows under the policy in force (<c>{group}-{n}</c>).</summary>
public sealed record WindowList(string HallId, IReadOnlyList<HallWindow> Windows);
