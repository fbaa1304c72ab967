using CivicHall.ServiceDefaults.Csv;

namespace CivicHall.Sanitation.Supplies;

/// <summary>
/// A page of an item's ledger as CSV (the shared <see cref="CsvResult"/>: RFC 4180, UTF-8 with a byte-order
/// mark, no formulas): the same rows as the JSON, one per movement, under headers an auditor reads in Chinese
/// and English.
/// </summary>
public static class SupplyLedgerCsv
{
    public static readonly string[] Headers =
    [
        "流水号 movement id", "时间 at (UTC)", "本地日期 local date", "类型 kind (receipt 入库 / issue 出库)", "物资 item id", "名称 name", "单位 unit",
        "数量 count", "结存 stock after", "领用人 staff id", "供应商 supplier", "批号 batch", "经办人 recorded by",
    ];

    public static CsvResult Write(string fileName, SupplyItem item, IEnumerable<SupplyMovementView> movements)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(movements);
        return new CsvResult(fileName, Headers, [.. movements.Select(m => Row(item, m))]);
    }

    public static object?[] Row(SupplyItem item, SupplyMovementView m)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(m);
        return
        [
            m.MovementId, m.At.ToUniversalTime(), m.LocalDate, EnumText.Of(m.Kind), m.ItemId, item.Name, item.Unit, m.Count, m.StockAfter,
            m.StaffId, m.Supplier, m.Batch, m.RecordedBy,
        ];
    }
}
