using System.Text.Json.Serialization;

namespace CivicHall.Incident.Tracing.Exports;

/// <summary>Where a clear export stands: <c>requested → approved → downloaded</c>, or <c>requested → rejected</c>.</summary>
public enum ClearExportState
{
    [JsonStringEnumMemberName("requested")]
    Requested,

    [JsonStringEnumMemberName("approved")]
    Approved,

    [JsonStringEnumMemberName("rejected")]
    Rejected,

    [JsonStringEnumMemberName("downloaded")]
    Downloaded,
}
