using Microsoft.AspNetCore.Mvc;

namespace CivicHall.Occupancy.Ledgers;

/// <summary>The query of <c>GET /api/v1/halls/{hallId}/ledgers/admissions</c>, bound with <c>[AsParameters]</c>. No validation or description attributes here: the OpenAPI generator fails on them for [AsParameters] members (InvalidCastException); the validation and the endpoint's description say what each takes.</summary>
public sealed record AdmissionLedgerQuery(
    [FromQuery(Name = "date")] DateOnly? Date,
    [FromQuery(Name = "from")] DateTimeOffset? From,
    [FromQuery(Name = "to")] DateTimeOffset? To,
    [FromQuery(Name = "state")] string? State,
    [FromQuery(Name = "personKind")] string? PersonKind,
    [FromQuery(Name = "zoneId")] string? ZoneId,
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "cursor")] string? Cursor,
    [FromQuery(Name = "format")] string? Format);
