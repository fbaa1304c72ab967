namespace CivicHall.Incident.Tracing.Exports;

/// <summary>Configuration <c>Incident:ClearExports</c>.</summary>
public sealed class ClearExportOptions
{
    /// <summary>How long an approved export may be downloaded (default 24 h).</summary>
    public TimeSpan DownloadWindow { get; set; } = TimeSpan.FromHours(24);
}
