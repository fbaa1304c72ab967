using CivicHall.Booking.Bookings;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.ServiceDefaults.Paging;
using Microsoft.AspNetCore.Mvc;

namespace CivicHall.Booking.Ledgers;

/// <summary>The query of <c>GET /api/v1/halls/{hallId}/ledgers/bookings</c>, bound with <c>[AsParameters]</c>. No validation or description attributes here: the OpenAPI generator fails on them for [AsParameters] members (InvalidCastException); the validation and the endpoint's description say what each takes.</summary>
public sealed record BookingLedgerQuery(
    [FromQuery(Name = "date")] DateOnly? Date,
    [FromQuery(Name = "from")] DateTimeOffset? From,
    [FromQuery(Name = "to")] DateTimeOffset? To,
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "kind")] string? Kind,
    [FromQuery(Name = "specialGroup")] string? SpecialGroup,
    [FromQuery(Name = "itemId")] string? ItemId,
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "cursor")] string? Cursor,
    [FromQuery(Name = "format")] string? Format);
