using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Incident.Tracing;

/// <summary>Where a page of a case's tracings ends: the last one's creation time and id (newest first). Opaque to callers.</summary>
public readonly record struct TracingCursor(DateTimeOffset CreatedAt, Guid TracingId)
{
    public string Encode() => TimeIdCursor.Encode(CreatedAt, TracingId);
}
