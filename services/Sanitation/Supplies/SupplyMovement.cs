namespace CivicHall.Sanitation.Supplies;

/// <summary>A ledger line: its id is the client's <c>receiptId</c> or <c>issueId</c>, so a replay finds it.</summary>
public sealed class SupplyMovement
{
    public Guid MovementId { get; init; }

    public required string HallId { get; init; }

    public required string ItemId { get; init; }

    public SupplyMovementKind Kind { get; init; }

    public int Count { get; init; }

    /// <summary>The stock right after this movement.</summary>
    public int StockAfter { get; init; }

    /// <summary>Issues: the staff member who received it.</summary>
    public string? StaffId { get; init; }

    public string? Supplier { get; init; }

    public string? Batch { get; init; }

    public required string RecordedBy { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The hall's local date of <see cref="At"/> (days of cover, daily masks).</summary>
    public DateOnly LocalDate { get; init; }

    /// <summary>Of the request, for idempotency: the same id with another body is refused.</summary>
    public required string Fingerprint { get; init; }
}
