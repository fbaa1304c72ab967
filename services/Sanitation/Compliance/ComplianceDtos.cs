using System.ComponentModel;

namespace CivicHall.Sanitation.Compliance;

/// <summary>Tasks and airing of a zone kind, or of the whole hall-day.</summary>
public sealed record TaskFigures(
    [property: Description("Tasks planned for the day: all but the skipped ones.")] int Planned,
    [property: Description("Recorded within the window plus the plan's grace.")] int DoneOnTime,
    [property: Description("Recorded after it.")] int Late,
    [property: Description("Never recorded, the window and grace over.")] int Missed,
    [property: Description("Still in time, or a terminal disinfection awaiting its confirmation.")] int Open,
    [property: Description("No longer planned (the plan, hours, zones or meetings changed); not counted in planned.")] int Skipped,
    [property: Description("Whole minutes of airing recorded.")] int VentilationMinutes,
    [property: Description("Minutes of airing the ventilation rules planned.")] int VentilationPlannedMinutes)
{
    /// <summary>Done on time over planned, 0–1 to three places; null when nothing was planned.</summary>
    public decimal? OnTimeRate => Planned == 0 ? null : Math.Round((decimal)DoneOnTime / Planned, 3, MidpointRounding.AwayFromZero);
}

public sealed record ZoneKindFigures(string ZoneKind, TaskFigures Tasks);

public sealed record ComplianceFigures(IReadOnlyList<ZoneKindFigures> ZoneKinds, TaskFigures Totals);

/// <summary>
/// A hall-day's compliance (<c>GET …/sanitation/compliance</c>): per zone kind and in total; the supplies
/// low and the medical-waste bags not yet handed over as they stand now; <c>closedAt</c> once the day was
/// closed and <c>SanitationDayClosed</c> published.
/// </summary>
public sealed record ComplianceView(
    string HallId,
    DateOnly Date,
    string TimeZone,
    IReadOnlyList<ZoneKindFigures> ZoneKinds,
    TaskFigures Totals,
    [property: Description("The ids of the supply items low now (stock at or under the threshold, or too few days of cover).")] IReadOnlyList<string> SuppliesLow,
    [property: Description("Medical-waste bags not yet handed over to a collector, now.")] int WasteBagsOpen,
    [property: Description("When the day was closed (SanitationDayClosed published); null while it is open.")] DateTimeOffset? ClosedAt);
