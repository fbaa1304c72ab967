using System.Diagnostics;

namespace CivicHall.ServiceDefaults.Telemetry;

/// <summary>Which database commands get a span: those run inside a trace, not a background loop's polling.</summary>
public static class DatabaseSpans
{
    /// <summary>The source of EF Core's spans (OpenTelemetry.Instrumentation.EntityFrameworkCore).</summary>
    public const string EntityFrameworkSourceName = "OpenTelemetry.Instrumentation.EntityFrameworkCore";

    /// <summary>
    /// True when <paramref name="current"/> (the ambient activity as a command starts) belongs to a trace
    /// begun elsewhere. EF Core's instrumentation may already have started the command's own span when it
    /// asks its filter: that span counts only when it has a parent.
    /// </summary>
    public static bool InTrace(Activity? current) =>
        current is not null
        && (current.Source.Name != EntityFrameworkSourceName || current.ParentSpanId != default);
}
