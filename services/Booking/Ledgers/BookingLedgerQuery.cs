using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CivicHall.Booking.Bookings;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.ServiceDefaults.Paging;
using Microsoft.AspNetCore.Mvc;

namespace CivicHall.Booking.Ledgers;

/// <summary>The query of <c>GET /api/v1/halls/{hallId}/ledgers/bookings</c>, bound with <c>[AsParameters]</c>.</summary>
public sealed record BookingLedgerQuery(
    [FromQuery(Name = "date"), Description("The hall's local day of the slots (yyyy-MM-dd); or leave it out and give from and to.")] DateOnly? Date,
    [FromQuery(Name = "from"), Description("Slots starting from this instant (inclusive), within the day when date is given.")] DateTimeOffset? From,
    [FromQuery(Name = "to"), Description("Slots starting before this instant, within the day when date is given; at most 31 days after from without a date.")] DateTimeOffset? To,
    [FromQuery(Name = "status"), AllowedValues("confirmed", "checked_in", "served", "no_show", "cancelled")] string? Status,
    [FromQuery(Name = "kind"), AllowedValues(BookingKinds.Regular, BookingKinds.SpecialGroup, BookingKinds.Agent, BookingKinds.GreenChannel)] string? Kind,
    [FromQuery(Name = "specialGroup"), AllowedValues(SpecialGroups.Elderly, SpecialGroups.Disabled)] string? SpecialGroup,
    [FromQuery(Name = "itemId"), Identifier] string? ItemId,
    [FromQuery(Name = "limit"), Range(1, BookingLedgerValidation.MaxLimit)] int? Limit,
    [FromQuery(Name = "cursor"), StringLength(TimeIdCursor.Length)] string? Cursor,
    [FromQuery(Name = "format"), AllowedValues("json", "csv"), Description("`csv`: every row of the window and filters as a file (limit and cursor do not apply).")] string? Format);
