using System.Text.Json.Serialization;

namespace CivicHall.Booking.Calls;

/// <summary>
/// One call of a ticket to a window (叫号): which window, who called and when; open until the ticket is served
/// (办结) or missed (过号). A window holds at most one open call, a ticket too (unique indexes). Ids grow with the
/// calls of a window group in queue order (they are taken under the group's lock), so they order the screen.
/// </summary>
public sealed class TicketCall
{
    public long Id { get; init; }

    public required string HallId { get; init; }

    public DateOnly Date { get; init; }

    public int TicketNumber { get; init; }

    public Guid BookingId { get; init; }

    public required string WindowGroup { get; init; }

    public required string WindowId { get; init; }

    public required string WindowName { get; init; }

    public required string CalledBy { get; init; }

    public DateTimeOffset CalledAt { get; init; }

    /// <summary>The ticket's second call, after it was missed once.</summary>
    public bool Recall { get; init; }

    /// <summary>Null while the call is open.</summary>
    public CallOutcome? Outcome { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? FinishedBy { get; set; }
}

/// <summary>How a call ended: the visitor was served (办结) or did not come (过号).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallOutcome>))]
public enum CallOutcome
{
    [JsonStringEnumMemberName("served")]
    Served,

    [JsonStringEnumMemberName("missed")]
    Missed,
}
