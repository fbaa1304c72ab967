using System.Text.Json.Serialization;

namespace CivicHall.Sanitation.Supplies;

/// <summary>A line of the ledger: stock received or issued to a person; <c>receipt</c>/<c>issue</c> on the wire.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SupplyMovementKind>))]
public enum SupplyMovementKind
{
    [JsonStringEnumMemberName("receipt")]
    Receipt,

    [JsonStringEnumMemberName("issue")]
    Issue,
}
