using System.Text.Json.Serialization;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// Where a booking is (DESIGN §4): <c>confirmed → checked_in → served | no_show | cancelled</c>, sent and stored as
/// these names.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<BookingStatus>))]
public enum BookingStatus
{
    [JsonStringEnumMemberName("confirmed")]
    Confirmed,

    [JsonStringEnumMemberName("checked_in")]
    CheckedIn,

    [JsonStringEnumMemberName("served")]
    Served,

    [JsonStringEnumMemberName("no_show")]
    NoShow,

    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
