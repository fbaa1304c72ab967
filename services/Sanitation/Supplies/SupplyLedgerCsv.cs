using System.Globalization;
using System.Text;

namespace CivicHall.Sanitation.Supplies;

/// <summary>
/// A page of an item's ledger as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read
/// the Chinese): the same rows as the JSON, one per movement, under headers an auditor reads in Chinese and
/// English. A text cell that a spreadsheet would take for a formula (<c>= + - @</c>) starts with <c>'</c>.
/// </summary>
public static class SupplyLedgerCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly string[] Headers =
    [
        "流水号 movement id", "时间 at (UTC)", "本地日期 local date", "类型 kind (receipt 入库 / issue 出库)", "物资 item id", "名称 name", "单位 unit",
        "数量 count", "结存 stock after", "领用人 staff id", "供应商 supplier", "批号 batch", "经办人 recorded by",
    ];

    public static byte[] Write(SupplyItem item, IEnumerable<SupplyMovementView> movements)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(movements);
        var text = new StringBuilder();
        Line(text, Headers);
        foreach (var m in movements)
        {
            Line(text,
            [
                m.MovementId.ToString(), m.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), m.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                EnumText.Of(m.Kind), m.ItemId, item.Name, item.Unit, m.Count.ToString(CultureInfo.InvariantCulture), m.StockAfter.ToString(CultureInfo.InvariantCulture),
                m.StaffId ?? string.Empty, m.Supplier ?? string.Empty, m.Batch ?? string.Empty, m.RecordedBy,
            ]);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(StringBuilder text, IEnumerable<string> cells)
    {
        text.AppendJoin(',', cells.Select(Cell));
        text.Append("\r\n");
    }

    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
