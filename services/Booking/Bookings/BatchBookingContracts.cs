namespace CivicHall.Booking.Bookings;

/// <summary>
/// Body of <c>POST /api/v1/bookings/batches</c> (with an <c>Idempotency-Key</c>): a registered agent
/// (帮办代办) books the staff of an enterprise into one slot, all of them or none.
/// </summary>
public sealed record CreateBatchBookingRequest(
    string? HallId,
    string? ItemId,
    string? SlotId,
    string? Enterprise,
    IReadOnlyList<PersonDto?>? People,
    bool? ConfirmOnSite);

public sealed record BatchBookingResponse(string AgentId, string Enterprise, IReadOnlyList<BookingResponse> Bookings);
