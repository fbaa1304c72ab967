namespace CivicHall.Contracts.Incidents.V1;

/// <summary>
/// A hall's daily report (日报告) is ready, or corrected: published by incident once per (hall, local date,
/// revision). Revision 1 goes out when screening, occupancy, booking and sanitation have all closed the day, or
/// at the report's deadline with the sources still missing named in <c>MissingSources</c>; a summary arriving
/// later, or a source's recount, corrects it (<c>Corrected</c>, <c>CorrectedAt</c>, <c>ChangedSections</c>).
/// <c>ZeroReport</c> (零报告): nothing abnormal that day — no isolation, no denial for a health reason, no case
/// opened or escalated, no disinfection missed or late. Counts only, no person.
/// </summary>
public sealed record DailyReportReady(
    string HallId,
    DateOnly LocalDate,
    string TimeZone,
    int Revision,
    bool Corrected,
    DateTimeOffset? CorrectedAt,
    IReadOnlyList<string> ChangedSections,
    bool ZeroReport,
    IReadOnlyList<string> MissingSources,
    DailyReportFigures Figures,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The report's figures; a section is null while its source has not closed the day.</summary>
public sealed record DailyReportFigures(
    DailyScreeningFigures? Screening,
    DailyOccupancyFigures? Occupancy,
    DailyBookingFigures? Booking,
    DailySanitationFigures? Sanitation,
    DailyIncidentFigures Incidents);

/// <summary>Readings by outcome (and the denials a health rule decided), by rule (rule → readings).</summary>
public sealed record DailyScreeningFigures(
    int Screenings, int Admit, int Deny, int Retest, int ManualCheck, int Isolate, int DeniedForHealth,
    IReadOnlyDictionary<string, int> ByRule);

/// <summary>Admissions, people turned away, exits; the peaks inside and in the queue, and when.</summary>
public sealed record DailyOccupancyFigures(
    int Admissions, int TurnedAway, int Exits, int PeakInside, DateTimeOffset? PeakInsideAt, int PeakQueue, DateTimeOffset? PeakQueueAt);

/// <summary>Bookings of the day's slots, served, no-shows and cancelled; by channel (channel → booked).</summary>
public sealed record DailyBookingFigures(int Booked, int Served, int NoShow, int Cancelled, IReadOnlyDictionary<string, int> BookedByChannel);

/// <summary>Disinfection tasks planned, on time, late, missed and open; supply items low and medical-waste bags open at the close.</summary>
public sealed record DailySanitationFigures(int Planned, int DoneOnTime, int Late, int Missed, int Open, IReadOnlyList<string> SuppliesLow, int WasteBagsOpen);

/// <summary>Cases opened in the local day by kind (kind → cases), levels escalated and cases closed in it.</summary>
public sealed record DailyIncidentFigures(int Opened, IReadOnlyDictionary<string, int> OpenedByKind, int Escalated, int Closed);
