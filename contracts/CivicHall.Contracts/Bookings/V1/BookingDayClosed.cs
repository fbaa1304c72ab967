namespace CivicHall.Contracts.Bookings.V1;

/// <summary>
/// A hall's day is over for booking (published after the hall's local midnight, once per hall, local date and
/// revision): the bookings of the day's slots counted for the daily report (日报告), no person in it.
/// <c>Revision</c> is 1 at the close and goes up by one each time a late change alters the figures of one of the
/// last closed days.
/// </summary>
public sealed record BookingDayClosed(
    string HallId,
    DateOnly LocalDate,
    string TimeZone,
    int Revision,
    BookingFigures Totals,
    IReadOnlyList<BookingChannelFigures> Channels,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Bookings of the day's slots (every one made, whatever became of it), then served, no-shows and cancelled.</summary>
public sealed record BookingFigures(int Booked, int Served, int NoShow, int Cancelled);

/// <summary>One channel's (<see cref="BookingChannels"/>) figures of the day.</summary>
public sealed record BookingChannelFigures(string Channel, BookingFigures Bookings);
