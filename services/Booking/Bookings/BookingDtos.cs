using System.ComponentModel.DataAnnotations;
using CivicHall.Booking.Slots;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.ServiceDefaults.PersonalData;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// Body of <c>POST /api/v1/bookings</c> (with an <c>Idempotency-Key</c> header). <c>confirmOnSite</c>
/// says the citizen saw the item's online route and still wants to come; <c>specialGroup</c>
/// (<c>elderly</c>, <c>disabled</c>) is for staff booking a person at the door (channel <c>on_site</c>).
/// </summary>
public sealed record CreateBookingRequest(
    [Required, Identifier] string? HallId,
    [Required, Identifier] string? ItemId,
    [Required, StringLength(SlotIds.MaxLength, MinimumLength = 1), RegularExpression(SlotIds.Pattern)] string? SlotId,
    [Required, AllowedValues(BookingChannels.App, BookingChannels.Portal, BookingChannels.Phone, BookingChannels.OnSite)] string? Channel,
    [Required] PersonDto? Person,
    [AllowedValues(SpecialGroups.Elderly, SpecialGroups.Disabled)] string? SpecialGroup,
    bool? ConfirmOnSite,
    GreenChannelDto? GreenChannel = null);

/// <summary>A green-channel (绿色通道) booking: a duty leader's decision, with the reason on record.</summary>
public sealed record GreenChannelDto([Required, StringLength(500, MinimumLength = 4)] string? Reason);

/// <summary>The person booked: a resident ID number (GB 11643, 18 characters), the name and an optional phone number.</summary>
public sealed record PersonDto(
    [Required, StringLength(18, MinimumLength = 18), RegularExpression(ChineseIdNumber.Pattern)] string? IdNumber,
    [Required, StringLength(PersonalFields.NameMaxLength, MinimumLength = 1)] string? Name,
    [StringLength(PhoneNumber.MaxLength)] string? Phone);

/// <summary>A person as most roles see them: masked (DESIGN §6).</summary>
public sealed record MaskedPerson(string IdNumber, string Name, string? Phone);

public sealed record BookingResponse(
    Guid BookingId,
    string HallId,
    string ItemId,
    string WindowGroup,
    string SlotId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    BookingStatus Status,
    [AllowedValues(BookingChannels.App, BookingChannels.Portal, BookingChannels.Phone, BookingChannels.OnSite)] string Channel,
    [AllowedValues(BookingKinds.Regular, BookingKinds.SpecialGroup, BookingKinds.Agent, BookingKinds.GreenChannel)] string Kind,
    MaskedPerson Person,
    [AllowedValues(SpecialGroups.Elderly, SpecialGroups.Disabled)] string? SpecialGroup,
    string? GreenChannelReason,
    int? TicketNumber,
    DateTimeOffset? CheckedInAt,
    bool ArrivedLate,
    DateTimeOffset? CancelledAt,
    string? CancelReason,
    string? MovedFromSlotId,
    string? MoveReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ServedAt,
    string? ServedWindowId,
    string? ServedNote,
    int RescheduleCount,
    string? RescheduleReason,
    QueuePlace? Queue = null)
{
    /// <summary>The booking as answered: every instant in UTC (API convention), whatever offset it was computed in.</summary>
    public static BookingResponse From(Booking b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new(b.Id, b.HallId, b.ItemId, b.WindowGroup, b.SlotId, b.SlotStartsAt.ToUniversalTime(), b.SlotEndsAt.ToUniversalTime(), b.Status, b.Channel, b.Kind,
            new MaskedPerson(b.IdNumberMasked, b.NameMasked, b.PhoneMasked), b.SpecialGroup, b.GreenChannelReason, b.TicketNumber,
            b.CheckedInAt?.ToUniversalTime(), b.ArrivedLate, b.CancelledAt?.ToUniversalTime(), b.CancelReason, b.MovedFromSlotId, b.MoveReason, b.CreatedAt.ToUniversalTime(),
            b.ServedAt?.ToUniversalTime(), b.ServedWindowId, b.ServedNote, b.RescheduleCount, b.RescheduleReason);
    }
}

/// <summary>Optional body of <c>POST /api/v1/bookings/{id}/cancel</c>: why, at most 200 characters (kept with the booking).</summary>
public sealed record CancelBookingRequest([StringLength(CancelBookingRequest.ReasonMaxLength)] string? Reason)
{
    public const int ReasonMaxLength = 200;
}

/// <summary>
/// Optional body of <c>POST /api/v1/bookings/{id}/serve</c> (办结): the window that served the visitor and a
/// note on the outcome, both recorded with the booking and shown to whoever may read it.
/// </summary>
public sealed record ServeBookingRequest(
    [Identifier] string? WindowId,
    [StringLength(ServeBookingRequest.NoteMaxLength)] string? Note)
{
    public const int WindowIdMaxLength = Identifier.MaxLength;
    public const int NoteMaxLength = 500;
}

/// <summary>
/// Body of <c>POST /api/v1/bookings/{id}/reschedule</c> (改约, with an <c>Idempotency-Key</c> header): the slot of the same
/// item and hall to move to, and optionally why (at most 200 characters, kept with the booking).
/// </summary>
public sealed record RescheduleBookingRequest(
    [Required, StringLength(SlotIds.MaxLength, MinimumLength = 1), RegularExpression(SlotIds.Pattern)] string? SlotId,
    [StringLength(RescheduleBookingRequest.ReasonMaxLength)] string? Reason)
{
    public const int ReasonMaxLength = 200;
}

/// <summary>A page of the caller's own bookings, newest slot first, and where the next page starts (null on the last).</summary>
public sealed record BookingList(IReadOnlyList<BookingResponse> Bookings, string? NextCursor);

/// <summary>A person in clear; only ever returned by the audited read.</summary>
public sealed record PersonResponse(string IdNumber, string Name, string? Phone);
