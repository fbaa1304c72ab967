namespace CivicHall.Contracts.Screening.V1;

/// <summary>
/// A hall's day is over for screening (published after the hall's local midnight, once per hall, local date and
/// revision): the day's readings counted for the daily report (日报告), no person in it. <c>Revision</c> is 1 at
/// the close and goes up by one each time a late reading changes the figures of one of the last closed days.
/// </summary>
public sealed record ScreeningDayClosed(
    string HallId,
    DateOnly LocalDate,
    string TimeZone,
    int Revision,
    ScreeningOutcomeFigures Totals,
    IReadOnlyList<ScreeningRuleFigures> Rules,
    IReadOnlyList<ScreeningPersonKindFigures> PersonKinds,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// Readings taken and how they ended: admitted, denied, sent to retest, sent to a manual check, isolated.
/// <c>DeniedForHealth</c> counts the denials a health rule decided (code, temperature, test, symptoms), not an
/// identity or booking reason.
/// </summary>
public sealed record ScreeningOutcomeFigures(int Screenings, int Admit, int Deny, int Retest, int ManualCheck, int Isolate, int DeniedForHealth);

/// <summary>How many readings one rule found something on (a reading with two findings counts under both rules).</summary>
public sealed record ScreeningRuleFigures(string Rule, int Screenings);

/// <summary>One person kind's (<c>visitor</c>, <c>staff</c>…) outcomes of the day.</summary>
public sealed record ScreeningPersonKindFigures(string PersonKind, ScreeningOutcomeFigures Outcomes);
