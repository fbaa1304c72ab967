namespace CivicHall.Booking.Bookings;

/// <summary>Audit log lines of the booking service (no personal data: ids, hall, acting subject).</summary>
internal static partial class BookingLog
{
    [LoggerMessage(Level = LogLevel.Information, EventId = 3001,
        Message = "Green-channel booking {BookingId} at {HallId} approved by {Subject} (reason on the booking)")]
    public static partial void LogGreenChannel(this ILogger logger, Guid bookingId, string hallId, string subject);
}
