namespace CivicHall.Incident.Tracing.Exports;

/// <summary>
/// A request to hand a tracing list, in clear, to the health authority (DESIGN §6): requested by a duty leader with a
/// reason, approved (or rejected) by another person, downloaded once by the requester or the approver before
/// <see cref="ExpiresAt"/>. The row is also incident's record of the personal-data access: who requested, approved and
/// downloaded it, when, why, which list and how many people — never a clear identity.
/// </summary>
public sealed class ClearExport
{
    public Guid ExportId { get; init; }

    public Guid IncidentId { get; init; }

    public Guid TracingId { get; init; }

    public required string HallId { get; init; }

    public ClearExportState State { get; private set; }

    public required string Reason { get; init; }

    public required string RequestedBy { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionReason { get; private set; }

    /// <summary>Until when an approved export may be downloaded.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    public string? DownloadedBy { get; private set; }

    public DateTimeOffset? DownloadedAt { get; private set; }

    public string? DownloadFormat { get; private set; }

    /// <summary>How many people the downloaded file holds.</summary>
    public int? People { get; private set; }

    public static ClearExport Request(Guid exportId, TracingRun run, string reason, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new ClearExport
        {
            ExportId = exportId,
            IncidentId = run.IncidentId,
            TracingId = run.TracingId,
            HallId = run.HallId,
            State = ClearExportState.Requested,
            Reason = reason,
            RequestedBy = by,
            RequestedAt = now,
        };
    }

    /// <summary>Approved by a second person: downloadable until <paramref name="expiresAt"/>.</summary>
    public void Approve(string by, string reason, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        State = ClearExportState.Approved;
        (DecidedBy, DecidedAt, DecisionReason, ExpiresAt) = (by, now, reason, expiresAt);
    }

    /// <summary>Rejected by another person, or withdrawn by the requester: never downloadable.</summary>
    public void Reject(string by, string reason, DateTimeOffset now)
    {
        State = ClearExportState.Rejected;
        (DecidedBy, DecidedAt, DecisionReason) = (by, now, reason);
    }
}
