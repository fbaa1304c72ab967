using System.Text.Json.Serialization;

namespace CivicHall.Occupancy.Floor;

/// <summary>Whether a zone takes people; stored (and written by the floor's functions) as the member's name.</summary>
public enum ZoneState
{
    [JsonStringEnumMemberName("open")]
    Open,

    [JsonStringEnumMemberName("closed")]
    Closed,
}
