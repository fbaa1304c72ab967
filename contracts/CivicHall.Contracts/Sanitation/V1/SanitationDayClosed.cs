namespace CivicHall.Contracts.Sanitation.V1;

/// <summary>
/// A hall's day is over for sanitation (published once per hall and local date, after the hall's local
/// midnight plus the plan's grace): the day's disinfection compliance for the daily report (日报告).
/// <c>Missed</c> counts the tasks never recorded (whether or not the overdue sweep had marked them yet);
/// <c>Open</c> the terminal disinfections still awaiting a second person's confirmation. Supplies and
/// medical waste are as they stood at the close.
/// </summary>
public sealed record SanitationDayClosed(
    string HallId,
    DateOnly LocalDate,
    string TimeZone,
    IReadOnlyList<SanitationZoneKindFigures> ZoneKinds,
    SanitationTaskFigures Totals,
    IReadOnlyList<string> SuppliesLow,
    int WasteBagsOpen,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>One zone kind's figures of a hall-day.</summary>
public sealed record SanitationZoneKindFigures(string ZoneKind, SanitationTaskFigures Tasks);

/// <summary>
/// Tasks planned (not skipped), done on time, late, missed, still open and skipped; minutes of airing
/// recorded against those the ventilation rules planned.
/// </summary>
public sealed record SanitationTaskFigures(
    int Planned,
    int DoneOnTime,
    int Late,
    int Missed,
    int Open,
    int Skipped,
    int VentilationMinutes,
    int VentilationPlannedMinutes);
