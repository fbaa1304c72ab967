using CivicHall.ServiceDefaults.Requests;
namespace CivicHall.Booking.Bookings;

/// <summary>
/// Body of <c>POST /api/v1/bookings</c> (with an <c>Idempotency-Key</c> header). <see cref="ConfirmOnSite"/>
/// says the citizen saw the item's online route and still wants to come; <see cref="SpecialGroup"/>
/// (<c>elderly</c>, <c>disabled</c>) is for staff booking a person at the door.
/// </summary>
public sealed record CreateBookingRequest(
    string? HallId,
    string? ItemId,
    string? SlotId,
    string? Channel,
    PersonDto? Person,
    string? SpecialGroup,
    bool? ConfirmOnSite,
    GreenChannelDto? GreenChannel = null);

/// <summary>A green-channel (绿色通道) booking: a duty leader's decision, with the reason on record.</summary>
public sealed record GreenChannelDto(string? Reason);

public sealed record PersonDto(string? IdNumber, string? Name, string? Phone);

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
    string Status,
    string Channel,
    string Kind,
    MaskedPerson Person,
    string? SpecialGroup,
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
    string? ServedNote)
{
    public static BookingResponse From(Booking b, Func<DateTimeOffset, DateTimeOffset> local)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(local);
        return new(b.Id, b.HallId, b.ItemId, b.WindowGroup, b.SlotId, local(b.SlotStartsAt), local(b.SlotEndsAt), b.Status, b.Channel, b.Kind,
            new MaskedPerson(b.IdNumberMasked, b.NameMasked, b.PhoneMasked), b.SpecialGroup, b.GreenChannelReason, b.TicketNumber,
            b.CheckedInAt is { } c ? local(c) : null, b.ArrivedLate, b.CancelledAt is { } x ? local(x) : null, b.CancelReason, b.MovedFromSlotId, b.MoveReason, local(b.CreatedAt),
            b.ServedAt is { } s ? local(s) : null, b.ServedWindowId, b.ServedNote);
    }
}

public sealed record CancelBookingRequest(string? Reason);

/// <summary>
/// Optional body of <c>POST /api/v1/bookings/{id}/serve</c> (办结): the window that served the visitor and a
/// note on the outcome, both recorded with the booking and shown to whoever may read it.
/// </summary>
public sealed record ServeBookingRequest(string? WindowId, string? Note)
{
    public const int WindowIdMaxLength = Identifier.MaxLength;
    public const int NoteMaxLength = 500;
}

public static class SpecialGroups
{
    public const string Elderly = "elderly";
    public const string Disabled = "disabled";

    public static bool IsKnown(string? group) => group is Elderly or Disabled;
}
