using System.Text.Json.Serialization;

namespace CivicHall.Booking.Slots;

/// <summary>
/// Whether a slot can be booked: <c>open</c>, or <c>withdrawn</c> when a re-plan no longer has it (it stays, for the
/// bookings it held). Stored as these names, which the database functions compare as text.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SlotStatus>))]
public enum SlotStatus
{
    [JsonStringEnumMemberName("open")]
    Open,

    [JsonStringEnumMemberName("withdrawn")]
    Withdrawn,
}
