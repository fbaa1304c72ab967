using System.ComponentModel.DataAnnotations;
using CivicHall.Booking.Slots;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// Body of <c>POST /api/v1/bookings/batches</c> (with an <c>Idempotency-Key</c>): a registered agent
/// (帮办代办) books the staff of an enterprise into one slot, all of them or none.
/// </summary>
public sealed record CreateBatchBookingRequest(
    [Required, Identifier] string? HallId,
    [Required, Identifier] string? ItemId,
    [Required, StringLength(SlotIds.MaxLength, MinimumLength = 1), RegularExpression(SlotIds.Pattern)] string? SlotId,
    [Required, StringLength(200, MinimumLength = 1)] string? Enterprise,
    [Required, Length(1, CreateBatchBookingRequest.MaxPeople)] IReadOnlyList<PersonDto?>? People,
    bool? ConfirmOnSite)
{
    /// <summary>The most people a batch may hold: the largest batch size an agent can be registered with.</summary>
    public const int MaxPeople = 200;
}

public sealed record BatchBookingResponse(string AgentId, string Enterprise, IReadOnlyList<BookingResponse> Bookings);
