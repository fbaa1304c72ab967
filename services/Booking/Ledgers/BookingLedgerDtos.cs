using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CivicHall.Booking.Bookings;
using CivicHall.Contracts.Bookings.V1;

namespace CivicHall.Booking.Ledgers;

/// <summary>
/// One line of the hall's bookings register (登记台账), masked: never a clear ID number, name or phone. <c>bookingId</c>
/// is what window staff and duty leaders take to the recorded clear read <c>GET /api/v1/bookings/{id}/person?reason=</c>.
/// </summary>
public sealed record BookingLedgerRow(
    Guid BookingId,
    DateTimeOffset SlotStartsAt,
    DateTimeOffset SlotEndsAt,
    string SlotId,
    string ItemId,
    string WindowGroup,
    BookingStatus Status,
    [AllowedValues(BookingKinds.Regular, BookingKinds.SpecialGroup, BookingKinds.Agent, BookingKinds.GreenChannel)] string Kind,
    [AllowedValues(BookingChannels.Portal, BookingChannels.App, BookingChannels.Phone, BookingChannels.OnSite)] string Channel,
    [AllowedValues(SpecialGroups.Elderly, SpecialGroups.Disabled)] string? SpecialGroup,
    [Description("Screening's and booking's key of the person (a keyed hash, never an ID number).")] string PersonKey,
    string IdNumberMasked,
    string NameMasked,
    string? PhoneMasked,
    string? AgentId,
    string? Enterprise,
    int? TicketNumber,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CheckedInAt,
    DateTimeOffset? ServedAt,
    DateTimeOffset? CancelledAt,
    string? CancelReason);

/// <summary>A page of the bookings ledger, earliest slot first.</summary>
public sealed record BookingLedgerPage(
    string HallId,
    [Description("The first instant of the window of slot starts read (UTC).")] DateTimeOffset From,
    [Description("The end of the window, exclusive (UTC).")] DateTimeOffset To,
    IReadOnlyList<BookingLedgerRow> Bookings,
    string? NextCursor);
