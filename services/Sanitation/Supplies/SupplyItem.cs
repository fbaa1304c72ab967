namespace CivicHall.Sanitation.Supplies;

/// <summary>An item of a hall's epidemic-prevention supplies (防疫物资): its unit, thresholds and the stock on hand.</summary>
public sealed class SupplyItem
{
    public required string HallId { get; init; }

    public required string ItemId { get; init; }

    public required string Name { get; set; }

    public required string Unit { get; set; }

    /// <summary>Low at or below this stock.</summary>
    public int LowThreshold { get; set; }

    /// <summary>Low when the stock covers fewer days than this at the last 7 days' rate of issue (0: not checked).</summary>
    public int CoverDaysThreshold { get; set; }

    /// <summary>Changed only by a receipt or a conditional issue in SQL (<see cref="SupplyStore"/>); never negative (a check constraint too).</summary>
    public int Stock { get; init; }

    /// <summary>When <c>SuppliesLow</c> was last raised for the item; none since it was defined: null.</summary>
    public DateTimeOffset? LowAlertedAt { get; init; }

    /// <summary>
    /// Whether the next issue or definition that finds the item low raises <c>SuppliesLow</c>: false once raised,
    /// true again when a receipt or a definition leaves the stock above <see cref="LowThreshold"/>. Changed in SQL only (<see cref="SupplyLowAlerts"/>).
    /// </summary>
    public bool LowAlertArmed { get; init; } = true;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    /// <summary>Takes a definition; the stock is the ledger's, not the definition's.</summary>
    public bool Define(string name, string unit, int lowThreshold, int coverDaysThreshold, string by, DateTimeOffset now)
    {
        if (Name == name && Unit == unit && LowThreshold == lowThreshold && CoverDaysThreshold == coverDaysThreshold)
        {
            return false;
        }

        (Name, Unit, LowThreshold, CoverDaysThreshold, UpdatedBy, UpdatedAt) = (name, unit, lowThreshold, coverDaysThreshold, by, now);
        return true;
    }
}
