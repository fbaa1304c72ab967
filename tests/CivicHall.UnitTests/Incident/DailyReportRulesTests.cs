using CivicHall.Contracts.Incidents.V1;
using CivicHall.Incident.Reports;
using CivicHall.Messaging.Persistence;

namespace CivicHall.UnitTests.Incident;

/// <summary>The daily report's pure parts: the zero report, a report's revisions and corrections, the day close's days and hash.</summary>
public sealed class DailyReportRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, int> None = new(StringComparer.Ordinal);

    private static DailyScreeningFigures Screening(int isolate = 0, int deniedForHealth = 0) => new(10, 10 - isolate - deniedForHealth, deniedForHealth, 0, 0, isolate, deniedForHealth, None);

    private static DailySanitationFigures Sanitation(int missed = 0, int late = 0) => new(5, 5 - missed - late, late, missed, 0, [], 0);

    private static DailyReportFigures Figures(DailyScreeningFigures? screening, DailySanitationFigures? sanitation, DailyIncidentFigures? incidents = null) => new(
        screening, new DailyOccupancyFigures(10, 0, 10, 4, null, 2, null), new DailyBookingFigures(8, 8, 0, 0, None), sanitation, incidents ?? DailyReportRules.NoIncidents);

    [Fact]
    public void A_day_is_a_zero_report_only_with_every_source_in_and_nothing_abnormal()
    {
        Assert.True(DailyReportRules.IsZeroReport(Figures(Screening(), Sanitation())));
        Assert.False(DailyReportRules.IsZeroReport(Figures(Screening(isolate: 1), Sanitation())));
        Assert.False(DailyReportRules.IsZeroReport(Figures(Screening(deniedForHealth: 1), Sanitation())));
        Assert.False(DailyReportRules.IsZeroReport(Figures(Screening(), Sanitation(missed: 1))));
        Assert.False(DailyReportRules.IsZeroReport(Figures(Screening(), Sanitation(late: 1))));
        Assert.False(DailyReportRules.IsZeroReport(Figures(Screening(), Sanitation(), new DailyIncidentFigures(1, new Dictionary<string, int> { ["refusal"] = 1 }, 0, 0))));
        Assert.False(DailyReportRules.IsZeroReport(Figures(Screening(), Sanitation(), new DailyIncidentFigures(0, None, 1, 0))));
        Assert.False(DailyReportRules.IsZeroReport(Figures(null, Sanitation())));
        Assert.False(DailyReportRules.IsZeroReport(Figures(Screening(), null)));
    }

    [Fact]
    public void A_newer_revision_of_a_section_replaces_it_and_corrects_a_published_report_an_older_one_changes_nothing()
    {
        var report = new DailyReport { HallId = "qingpu", LocalDate = new DateOnly(2026, 12, 1), TimeZone = "Asia/Shanghai" };
        Assert.True(report.Apply(ReportSources.Screening, 1, Screening(), Now));
        Assert.Equal(["occupancy", "booking", "sanitation"], report.SourcesMissing);

        var first = report.Publish(DailyReportRules.NoIncidents, [ReportSources.Screening], Now);
        Assert.Equal((1, false, null), (first.Revision, first.Corrected, first.CorrectedAt));
        Assert.Empty(first.ChangedSections);
        Assert.Equal(["occupancy", "booking", "sanitation"], first.MissingSources);
        Assert.False(first.ZeroReport);

        Assert.False(report.Apply(ReportSources.Screening, 1, Screening(isolate: 1), Now));
        Assert.True(report.Apply(ReportSources.Screening, 2, Screening(isolate: 1), Now));
        var second = report.Publish(DailyReportRules.NoIncidents, [ReportSources.Screening], Now.AddHours(1));
        Assert.Equal((2, true, Now.AddHours(1)), (second.Revision, second.Corrected, second.CorrectedAt));
        Assert.Equal(["screening"], second.ChangedSections);
        Assert.Equal(1, second.Figures.Screening!.Isolate);
        Assert.Equal(Now, report.PublishedAt);
    }

    [Fact]
    public void The_deadline_is_local_two_oclock_after_the_day_and_the_day_is_its_local_midnights()
    {
        var date = new DateOnly(2026, 12, 1);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.Zero), DailyReportRules.Deadline("Asia/Shanghai", date, TimeSpan.FromHours(2)));
        Assert.Equal((new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero)), DailyReportRules.Day("Asia/Shanghai", date));
        Assert.Equal(DailyReportRules.Day("Asia/Shanghai", date), HallDayCloses.Day("Asia/Shanghai", date));
    }

    [Fact]
    public void A_pass_counts_the_last_two_closed_local_days_and_the_same_figures_hash_the_same()
    {
        // 2026-12-02 03:00 UTC is 11:00 on 2 December in Shanghai: 30 November and 1 December are over.
        Assert.Equal([new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1)], HallDayCloses.DaysToCount("Asia/Shanghai", Now));
        // 2026-12-01 23:30 UTC is still 1 December in New York.
        Assert.Equal([new DateOnly(2026, 11, 29), new DateOnly(2026, 11, 30)], HallDayCloses.DaysToCount("America/New_York", new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(HallDayCloses.Hash(new { booked = 3, served = 2 }), HallDayCloses.Hash(new { booked = 3, served = 2 }));
        Assert.NotEqual(HallDayCloses.Hash(new { booked = 3, served = 2 }), HallDayCloses.Hash(new { booked = 3, served = 3 }));
    }
}
