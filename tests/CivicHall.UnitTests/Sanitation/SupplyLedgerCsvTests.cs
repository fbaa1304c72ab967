using CivicHall.Sanitation.Supplies;
using CivicHall.ServiceDefaults.Csv;

namespace CivicHall.UnitTests.Sanitation;

/// <summary>A ledger line as the auditor's CSV has it (the quoting and the formula guard are <see cref="CsvResult"/>'s, tested with it).</summary>
public sealed class SupplyLedgerCsvTests
{
    [Fact]
    public void A_ledger_line_carries_every_column_in_the_headers_order()
    {
        var item = new SupplyItem { HallId = "h", ItemId = "masks", Name = "医用外科口罩", Unit = "只", UpdatedBy = "ops" };
        var id = Guid.Parse("0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f81");
        var at = new DateTimeOffset(2026, 12, 1, 9, 2, 3, TimeSpan.FromHours(8));
        var receipt = new SupplyMovementView(id, "masks", SupplyMovementKind.Receipt, 500, 510, null, "上海, \"甲\"", "=SUM(A1)", "leader-1", at, new DateOnly(2026, 12, 1));

        var row = SupplyLedgerCsv.Row(item, receipt);

        Assert.Equal(SupplyLedgerCsv.Headers.Length, row.Length);
        Assert.Equal(
            "0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f81,2026-12-01T01:02:03+00:00,2026-12-01,receipt,masks,医用外科口罩,只,500,510,,\"上海, \"\"甲\"\"\",'=SUM(A1),leader-1\r\n",
            CsvResult.Line(row));
    }
}
