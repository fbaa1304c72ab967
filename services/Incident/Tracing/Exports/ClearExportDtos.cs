using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace CivicHall.Incident.Tracing.Exports;

/// <summary>A request for a clear export of a tracing list.</summary>
/// <param name="ExportId">The client's id of the request (idempotency).</param>
/// <param name="Reason">Why the list is handed over in clear (4–200 characters), recorded with every read.</param>
public sealed record ClearExportRequest(
    [Description("The client's id of the request: the same id and body again answer 200.")] Guid? ExportId,
    [StringLength(200, MinimumLength = 4), Description("Why the list is handed over in clear, 4–200 characters.")] string? Reason);

/// <summary>An approval or rejection of a clear export.</summary>
public sealed record ClearExportDecision([StringLength(200, MinimumLength = 4), Description("Why, 4–200 characters.")] string? Reason);

/// <summary>A clear export as anyone allowed may see it (never a clear identity).</summary>
public sealed record ClearExportView(
    Guid ExportId,
    Guid IncidentId,
    Guid TracingId,
    string HallId,
    [property: AllowedValues("requested", "approved", "rejected", "downloaded")] string State,
    string Reason,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionReason,
    DateTimeOffset? ExpiresAt,
    string? DownloadedBy,
    DateTimeOffset? DownloadedAt,
    string? DownloadFormat,
    int? People)
{
    public static ClearExportView Of(ClearExport e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.ExportId, e.IncidentId, e.TracingId, e.HallId, EnumText.Of(e.DownloadedAt is null ? e.State : ClearExportState.Downloaded), e.Reason,
            e.RequestedBy, e.RequestedAt, e.DecidedBy, e.DecidedAt, e.DecisionReason, e.ExpiresAt, e.DownloadedBy, e.DownloadedAt, e.DownloadFormat, e.People);
    }
}

/// <summary>A page of clear exports (a tracing's, or every one for the personal-data access log), newest first.</summary>
public sealed record ClearExportPage(IReadOnlyList<ClearExportView> Items, string? NextCursor);

/// <summary>One person of a downloaded export, in clear.</summary>
public sealed record ClearExportPerson(string PersonKey, string Category, string Kind, string? IdNumber, string? Name, string? Phone, string Source);

/// <summary>The JSON file of a downloaded export.</summary>
public sealed record ClearExportFile(Guid ExportId, Guid IncidentId, Guid TracingId, string HallId, DateTimeOffset DownloadedAt, IReadOnlyList<ClearExportPerson> People);
