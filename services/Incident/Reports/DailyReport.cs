using CivicHall.Contracts.Incidents.V1;

namespace CivicHall.Incident.Reports;

/// <summary>
/// A hall's daily report (日报告) for one local date: the day summaries of screening, occupancy, booking and
/// sanitation as they arrived (each with the source's revision), and incident's own figures as they stood when
/// the report was last published. <see cref="Revision"/> is 0 while the report waits for its sources; 1 once
/// published; each correction (a late summary, a source's recount) adds one. One row per (hall, date): the
/// consumers and the deadline sweep lock it (<c>SELECT … FOR UPDATE</c>) before they change it.
/// </summary>
public sealed class DailyReport
{
    public required string HallId { get; init; }

    public DateOnly LocalDate { get; init; }

    public required string TimeZone { get; set; }

    /// <summary>0 while pending; the revision of the last <c>DailyReportReady</c> published.</summary>
    public int Revision { get; private set; }

    public DailyScreeningFigures? Screening { get; private set; }

    public int ScreeningRevision { get; private set; }

    public DailyOccupancyFigures? Occupancy { get; private set; }

    public int OccupancyRevision { get; private set; }

    public DailyBookingFigures? Booking { get; private set; }

    public int BookingRevision { get; private set; }

    public DailySanitationFigures? Sanitation { get; private set; }

    public int SanitationRevision { get; private set; }

    /// <summary>Incident's own figures of the day as last published; null while pending.</summary>
    public DailyIncidentFigures? Incidents { get; private set; }

    public bool ZeroReport { get; private set; }

    /// <summary>The sources that had not closed the day when the report was last published.</summary>
    public List<string> MissingSources { get; private set; } = [];

    /// <summary>The sections the last correction changed (empty for revision 1).</summary>
    public List<string> ChangedSections { get; private set; } = [];

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? CorrectedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsPublished => Revision > 0;

    /// <summary>The sources whose day summary is in.</summary>
    public IReadOnlyList<string> SourcesIn =>
    [
        .. Screening is null ? [] : new[] { ReportSources.Screening },
        .. Occupancy is null ? [] : new[] { ReportSources.Occupancy },
        .. Booking is null ? [] : new[] { ReportSources.Booking },
        .. Sanitation is null ? [] : new[] { ReportSources.Sanitation },
    ];

    /// <summary>The sources whose day summary is not in yet.</summary>
    public IReadOnlyList<string> SourcesMissing => [.. ReportSources.All.Except(SourcesIn, StringComparer.Ordinal)];

    /// <summary>Takes a source's summary when it is newer than the one held; whether it changed the section.</summary>
    public bool Apply(string source, int revision, object figures, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var held = source switch
        {
            ReportSources.Screening => ScreeningRevision,
            ReportSources.Occupancy => OccupancyRevision,
            ReportSources.Booking => BookingRevision,
            ReportSources.Sanitation => SanitationRevision,
            _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Not a report source."),
        };
        if (revision <= held)
        {
            return false;
        }

        switch (figures)
        {
            case DailyScreeningFigures s:
                Screening = s;
                ScreeningRevision = revision;
                break;
            case DailyOccupancyFigures o:
                Occupancy = o;
                OccupancyRevision = revision;
                break;
            case DailyBookingFigures b:
                Booking = b;
                BookingRevision = revision;
                break;
            case DailySanitationFigures s:
                Sanitation = s;
                SanitationRevision = revision;
                break;
            default:
                throw new ArgumentException("Not a report section.", nameof(figures));
        }

        UpdatedAt = now;
        return true;
    }

    /// <summary>
    /// Publishes the report as it stands with <paramref name="incidents"/>: revision 1 the first time, the next one
    /// (a correction naming <paramref name="changedSections"/>) after; the event to put in the outbox.
    /// </summary>
    public DailyReportReady Publish(DailyIncidentFigures incidents, IReadOnlyList<string> changedSections, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(changedSections);
        var corrected = IsPublished;
        Revision++;
        Incidents = incidents;
        MissingSources = [.. SourcesMissing];
        ChangedSections = corrected ? [.. changedSections] : [];
        ZeroReport = DailyReportRules.IsZeroReport(Figures);
        PublishedAt ??= now;
        if (corrected)
        {
            CorrectedAt = now;
        }

        UpdatedAt = now;
        return new DailyReportReady(HallId, LocalDate, TimeZone, Revision, corrected, CorrectedAt, ChangedSections, ZeroReport, MissingSources, Figures, now);
    }

    /// <summary>The figures as they stand (incident's as last published; zeros before).</summary>
    public DailyReportFigures Figures => new(Screening, Occupancy, Booking, Sanitation, Incidents ?? DailyReportRules.NoIncidents);
}

/// <summary>The sources of a daily report, by the name a report lists them under.</summary>
public static class ReportSources
{
    public const string Screening = "screening";
    public const string Occupancy = "occupancy";
    public const string Booking = "booking";
    public const string Sanitation = "sanitation";

    /// <summary>Incident's own section (never missing: counted from its own tables).</summary>
    public const string Incidents = "incidents";

    public static IReadOnlyList<string> All { get; } = [Screening, Occupancy, Booking, Sanitation];
}
