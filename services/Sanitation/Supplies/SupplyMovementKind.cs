using System.Text.Json.Serialization;

namespace CivicHall.Sanitation.Supplies;

/// <summary>A line of the ledger: stock received or issued to a person.</summary>
public enum SupplyMovementKind
{
    [JsonStringEnumMemberName("receipt")]
    Receipt,

    [JsonStringEnumMemberName("issue")]
    Issue,
}
