using System.Text.Json.Serialization;

namespace CivicHall.Occupancy.Floor;

/// <summary>Where a visit stands; stored (and written by the floor's functions) as the member's name.</summary>
public enum AdmissionState
{
    [JsonStringEnumMemberName("queued")]
    Queued,

    [JsonStringEnumMemberName("inside")]
    Inside,

    [JsonStringEnumMemberName("exited")]
    Exited,

    [JsonStringEnumMemberName("turned_away")]
    TurnedAway,
}
