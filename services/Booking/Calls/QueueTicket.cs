using System.Text.Json.Serialization;

namespace CivicHall.Booking.Calls;

/// <summary>
/// A checked-in ticket's place in its window group's queue for the hall's day (叫号). Calls take the waiting ticket
/// with the lowest (<see cref="Rank"/>, <see cref="SortKey"/>): special groups and the green channel rank 0, everyone
/// else 1, then ticket order (<c>ticket × 1000</c>). A missed ticket is put back once between two waiting tickets
/// (a key halfway between theirs), so nobody else moves.
/// </summary>
public sealed class QueueTicket
{
    /// <summary>Spacing of the keys of tickets as handed out, leaving room to put missed tickets between them.</summary>
    public const int KeySpacing = 1000;

    public required string HallId { get; init; }

    public DateOnly Date { get; init; }

    public int TicketNumber { get; init; }

    public Guid BookingId { get; init; }

    public required string WindowGroup { get; init; }

    /// <summary>0 for special groups and the green channel (called first), 1 for everyone else.</summary>
    public short Rank { get; set; }

    public decimal SortKey { get; set; }

    public QueueTicketState State { get; set; } = QueueTicketState.Waiting;

    /// <summary>How often the ticket was called and not answered (过号): the second miss ends it.</summary>
    public short Misses { get; set; }

    public DateTimeOffset CheckedInAt { get; init; }

    /// <summary>The queue place of a ticket just handed out at check-in.</summary>
    public static QueueTicket CheckedIn(Bookings.Booking booking, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var ticket = booking.TicketNumber ?? throw new InvalidOperationException("The booking holds no ticket.");
        return new QueueTicket
        {
            HallId = booking.HallId,
            Date = booking.Date,
            TicketNumber = ticket,
            BookingId = booking.Id,
            WindowGroup = booking.WindowGroup,
            Rank = IsPriority(booking.Kind) ? (short)0 : (short)1,
            SortKey = (decimal)ticket * KeySpacing,
            CheckedInAt = now,
        };
    }

    /// <summary>Special groups (老年人、残疾人) and the green channel (绿色通道) are called before everyone else.</summary>
    public static bool IsPriority(string kind) =>
        kind is Contracts.Bookings.V1.BookingKinds.SpecialGroup or Contracts.Bookings.V1.BookingKinds.GreenChannel;
}

/// <summary>Where a ticket is in the queue: <c>waiting → called → served | waiting (missed once) | dropped</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QueueTicketState>))]
public enum QueueTicketState
{
    [JsonStringEnumMemberName("waiting")]
    Waiting,

    [JsonStringEnumMemberName("called")]
    Called,

    [JsonStringEnumMemberName("served")]
    Served,

    [JsonStringEnumMemberName("dropped")]
    Dropped,
}
