using System.ComponentModel.DataAnnotations;
using CivicHall.Screening.Decisions;
using CivicHall.Screening.Policies;
using CivicHall.ServiceDefaults.Paging;
using Microsoft.AspNetCore.Mvc;

namespace CivicHall.Screening.Ledgers;

/// <summary>The query of <c>GET /api/v1/halls/{hallId}/ledgers/screenings</c>, bound with <c>[AsParameters]</c>. No [Description] here: the OpenAPI generator fails on it for [AsParameters] members (the endpoint's description says what each does).</summary>
public sealed record ScreeningLedgerQuery(
    [FromQuery(Name = "date")] DateOnly? Date,
    [FromQuery(Name = "from")] DateTimeOffset? From,
    [FromQuery(Name = "to")] DateTimeOffset? To,
    [FromQuery(Name = "outcome"), AllowedValues(Outcomes.Admit, Outcomes.ManualCheck, Outcomes.Deny, Outcomes.Retest, Outcomes.Isolate)] string? Outcome,
    [FromQuery(Name = "personKind"), AllowedValues(PersonKinds.Visitor, PersonKinds.Staff, PersonKinds.Courier, PersonKinds.Agent)] string? PersonKind,
    [FromQuery(Name = "lane"), Identifier] string? Lane,
    [FromQuery(Name = "limit"), Range(1, ScreeningLedgerValidation.MaxLimit)] int? Limit,
    [FromQuery(Name = "cursor"), StringLength(TimeIdCursor.Length)] string? Cursor,
    [FromQuery(Name = "format"), AllowedValues("json", "csv")] string? Format);
