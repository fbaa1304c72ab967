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

/// <summary>A ledger line; <c>localDate</c> is the hall's date of <c>at</c>.</summary>
public sealed record SupplyMovementView(
    Guid MovementId, string ItemId, SupplyMovementKind Kind, int Count, int StockAfter, string? StaffId, string? Supplier, string? Batch, string RecordedBy, DateTimeOffset At, DateOnly LocalDate)
{
    public static SupplyMovementView From(SupplyMovement m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.MovementId, m.ItemId, m.Kind, m.Count, m.StockAfter, m.StaffId, m.Supplier, m.Batch, m.RecordedBy, m.At, m.LocalDate);
    }
}

/// <summary>A page of an item's ledger, newest first; <c>nextCursor</c> continues it (null on the last page).</summary>
public sealed record SupplyMovementPage(string HallId, string ItemId, string Name, string Unit, IReadOnlyList<SupplyMovementView> Movements, string? NextCursor);

/// <summary>An on-duty staff member of the day and the masks issued to them that day.</summary>
public sealed record DailyMaskStaff(string StaffId, DateTimeOffset AdmittedAt, int MasksIssued, bool Received);

/// <summary>
/// The hall-day's on-duty staff (admitted at the entrance) and whether each received a mask, the ones without first;
/// <c>required</c> is the plan's <c>dailyMaskPerStaff</c>, <c>maskItemId</c> the item that counts.
/// </summary>
public sealed record DailyMaskList(string HallId, DateOnly Date, bool Required, string MaskItemId, int OnDuty, int Missing, IReadOnlyList<DailyMaskStaff> Staff);
