namespace CivicHall.Contracts.Sanitation.V1;

/// <summary>
/// A supply item of a hall became low (防疫物资不足): its stock at or below <see cref="LowThreshold"/>
/// (<see cref="Reason"/> <c>below_threshold</c>), or covering fewer days than <see cref="CoverDaysThreshold"/>
/// at the last 7 local days' rate of issue (<c>under_cover_days</c>; <see cref="DaysOfCover"/> is null
/// without issues). Raised by the issue or the change of definition that found it low, at most once until a
/// receipt (or a definition) puts the stock back above the threshold, and never twice for one item within
/// the plan's <c>suppliesLowCooldownMinutes</c>.
/// </summary>
public sealed record SuppliesLow(
    string HallId,
    string ItemId,
    string Name,
    string Unit,
    int Stock,
    int LowThreshold,
    decimal? DaysOfCover,
    int CoverDaysThreshold,
    string Reason,
    DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public const string BelowThreshold = "below_threshold";
    public const string UnderCoverDays = "under_cover_days";
}
