using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CivicHall.Screening.Decisions;
using CivicHall.Screening.Policies;
using CivicHall.ServiceDefaults.Paging;
using Microsoft.AspNetCore.Mvc;

namespace CivicHall.Screening.Ledgers;

/// <summary>The query of <c>GET /api/v1/halls/{hallId}/ledgers/screenings</c>, bound with <c>[AsParameters]</c>.</summary>
public sealed record ScreeningLedgerQuery(
    [FromQuery(Name = "date"), Description("The hall's local day (yyyy-MM-dd); or leave it out and give from and to.")] DateOnly? Date,
    [FromQuery(Name = "from"), Description("From this instant (inclusive), within the day when date is given.")] DateTimeOffset? From,
    [FromQuery(Name = "to"), Description("Until this instant (exclusive), within the day when date is given; at most 31 days after from without a date.")] DateTimeOffset? To,
    [FromQuery(Name = "outcome"), AllowedValues(Outcomes.Admit, Outcomes.ManualCheck, Outcomes.Deny, Outcomes.Retest, Outcomes.Isolate)] string? Outcome,
    [FromQuery(Name = "personKind"), AllowedValues(PersonKinds.Visitor, PersonKinds.Staff, PersonKinds.Courier, PersonKinds.Agent)] string? PersonKind,
    [FromQuery(Name = "lane"), Identifier] string? Lane,
    [FromQuery(Name = "limit"), Range(1, ScreeningLedgerValidation.MaxLimit)] int? Limit,
    [FromQuery(Name = "cursor"), StringLength(TimeIdCursor.Length)] string? Cursor,
    [FromQuery(Name = "format"), AllowedValues("json", "csv"), Description("`csv`: every row of the window and filters as a file (limit and cursor do not apply).")] string? Format);
