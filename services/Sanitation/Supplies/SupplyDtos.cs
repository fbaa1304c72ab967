using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace CivicHall.Sanitation.Supplies;

/// <summary>An item's definition (<c>PUT …/supplies/{itemId}</c>): name, unit and when it counts as low.</summary>
public sealed record PutSupplyItemRequest(
    [Required, StringLength(100)] string? Name,
    [Required, StringLength(16)] string? Unit,
    [Required, Range(0, SupplyValidation.MaxCount), Description("Low at or below this stock.")] int? LowThreshold,
    [Range(0, 365), Description("Low when the stock covers fewer days than this at the last 7 days' rate; 0 or left out: not checked.")] int? CoverDaysThreshold);

/// <summary>Stock received (<c>POST …/supplies/{itemId}/receipts</c>); <c>receiptId</c> is the client's UUID.</summary>
public sealed record PostSupplyReceiptRequest(
    [Required, Description("The client's id for this receipt: sending it again replays it.")] Guid? ReceiptId,
    [Required, Range(1, SupplyValidation.MaxCount)] int? Count,
    [StringLength(200)] string? Supplier,
    [StringLength(100)] string? Batch);

/// <summary>Stock issued to a staff member (<c>POST …/supplies/{itemId}/issues</c>); <c>issueId</c> is the client's UUID.</summary>
public sealed record PostSupplyIssueRequest(
    [Required, Description("The client's id for this issue: sending it again replays it.")] Guid? IssueId,
    [Required, Range(1, SupplyValidation.MaxCount)] int? Count,
    [Required, StringLength(64), Description("The staff member who received it.")] string? StaffId);

/// <summary>An item with its stock, the last 7 days' average daily issue, the days it covers at that rate (null without issues) and whether it is low.</summary>
public sealed record SupplyItemView(
    string ItemId, string Name, string Unit, int Stock, int LowThreshold, int CoverDaysThreshold, decimal DailyIssue, decimal? DaysOfCover, bool Low);

public sealed record SupplyList(IReadOnlyList<SupplyItemView> Items);

/// <summary>A ledger line.</summary>
public sealed record SupplyMovementView(
    Guid MovementId, string ItemId, SupplyMovementKind Kind, int Count, int StockAfter, string? StaffId, string? Supplier, string? Batch, string RecordedBy, DateTimeOffset At)
{
    public static SupplyMovementView From(SupplyMovement m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.MovementId, m.ItemId, m.Kind, m.Count, m.StockAfter, m.StaffId, m.Supplier, m.Batch, m.RecordedBy, m.At);
    }
}
