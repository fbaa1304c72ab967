using System.ComponentModel.DataAnnotations;
using CivicHall.Booking.Bookings;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.ServiceDefaults.Paging;
using Microsoft.AspNetCore.Mvc;

namespace CivicHall.Booking.Ledgers;

/// <summary>The query of <c>GET /api/v1/halls/{hallId}/ledgers/bookings</c>, bound with <c>[AsParameters]</c>. No [Description] here: the OpenAPI generator fails on it for [AsParameters] members (the endpoint's description says what each does).</summary>
public sealed record BookingLedgerQuery(
    [FromQuery(Name = "date")] DateOnly? Date,
    [FromQuery(Name = "from")] DateTimeOffset? From,
    [FromQuery(Name = "to")] DateTimeOffset? To,
    [FromQuery(Name = "status"), AllowedValues("confirmed", "checked_in", "served", "no_show", "cancelled")] string? Status,
    [FromQuery(Name = "kind"), AllowedValues(BookingKinds.Regular, BookingKinds.SpecialGroup, BookingKinds.Agent, BookingKinds.GreenChannel)] string? Kind,
    [FromQuery(Name = "specialGroup"), AllowedValues(SpecialGroups.Elderly, SpecialGroups.Disabled)] string? SpecialGroup,
    [FromQuery(Name = "itemId"), Identifier] string? ItemId,
    [FromQuery(Name = "limit"), Range(1, BookingLedgerValidation.MaxLimit)] int? Limit,
    [FromQuery(Name = "cursor"), StringLength(TimeIdCursor.Length)] string? Cursor,
    [FromQuery(Name = "format"), AllowedValues("json", "csv")] string? Format);
