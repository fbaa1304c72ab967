namespace CivicHall.Sanitation.Waste;

/// <summary>
/// A medical-waste bag (涉疫垃圾) of a hall, by the id the client gave it: where it was filled, the incident it
/// came from (an isolation, a case) and each step it went through, when and by whom. A step's columns are
/// written once, by the conditional UPDATE that moves the bag on (<see cref="WasteStore"/>); each keeps the
/// fingerprint of the request that made it, so the same request again is a replay and not out of order.
/// </summary>
public sealed class WasteBag
{
    public required string HallId { get; init; }

    public required string BagId { get; init; }

    /// <summary>The zone of the hall where the bag was filled.</summary>
    public required string ZoneId { get; init; }

    /// <summary>The incident (isolation, case) the waste comes from, when there is one.</summary>
    public Guid? IncidentId { get; init; }

    public string? Notes { get; init; }

    public WasteBagState State { get; init; }

    public DateTimeOffset BaggedAt { get; init; }

    /// <summary>The hall's local date of <see cref="BaggedAt"/> (the list's <c>date</c>).</summary>
    public DateOnly LocalDate { get; init; }

    public required string BaggedBy { get; init; }

    /// <summary>Of the bagging request (zone, incident, notes): the same id with another body is refused.</summary>
    public required string Fingerprint { get; init; }

    public DateTimeOffset? SealedAt { get; init; }

    public string? SealedBy { get; init; }

    public string? SealNotes { get; init; }

    public string? SealFingerprint { get; init; }

    public DateTimeOffset? DisinfectedAt { get; init; }

    public string? DisinfectedBy { get; init; }

    /// <summary>The agent sprayed on the outside of the bag (chlorine-containing disinfectant).</summary>
    public string? Agent { get; init; }

    /// <summary>The measured strength, within the plan's <c>wasteBagStrength</c> when it was disinfected.</summary>
    public decimal? Strength { get; init; }

    public string? StrengthUnit { get; init; }

    public string? DisinfectionNotes { get; init; }

    public string? DisinfectionFingerprint { get; init; }

    public DateTimeOffset? HandedOverAt { get; init; }

    public string? HandedOverBy { get; init; }

    /// <summary>The licensed collector's company.</summary>
    public string? CollectorCompany { get; init; }

    /// <summary>The collector's person who took the bag.</summary>
    public string? CollectorName { get; init; }

    /// <summary>The handover form's number (联单号).</summary>
    public string? HandoverNumber { get; init; }

    public string? HandoverNotes { get; init; }

    public string? HandoverFingerprint { get; init; }

    /// <summary>Whether the hall still holds the bag (what the daily compliance counts as open).</summary>
    public bool IsOpen => State != WasteBagState.HandedOver;

    /// <summary>The fingerprint a step was done with; null while it is not done.</summary>
    public string? FingerprintOf(WasteStep step) => step switch
    {
        WasteStep.Seal => SealFingerprint,
        WasteStep.Disinfect => DisinfectionFingerprint,
        _ => HandoverFingerprint,
    };

    /// <summary>Whether the step may be taken now: only from the state before it, in the one order.</summary>
    public bool Allows(WasteStep step) => State == WasteSteps.From(step);
}
