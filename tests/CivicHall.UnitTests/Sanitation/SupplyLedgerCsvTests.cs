using System.Text;
using CivicHall.Sanitation.Supplies;

namespace CivicHall.UnitTests.Sanitation;

public sealed class SupplyLedgerCsvTests
{
    [Fact]
    public void A_ledger_page_is_RFC_4180_CSV_with_a_BOM_quoted_cells_and_no_formulas()
    {
        var item = new SupplyItem { HallId = "h", ItemId = "masks", Name = "医用外科口罩", Unit = "只", UpdatedBy = "ops" };
        var id = Guid.Parse("0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f81");
        var at = new DateTimeOffset(2026, 12, 1, 1, 2, 3, TimeSpan.Zero);
        var receipt = new SupplyMovementView(id, "masks", SupplyMovementKind.Receipt, 500, 510, null, "上海, \"甲\"", "=SUM(A1)", "leader-1", at, new DateOnly(2026, 12, 1));

        var bytes = SupplyLedgerCsv.Write(item, [receipt]);

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(string.Join(',', SupplyLedgerCsv.Headers), lines[0]);
        Assert.Equal(
            "0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f81,2026-12-01T01:02:03.0000000+00:00,2026-12-01,receipt,masks,医用外科口罩,只,500,510,,\"上海, \"\"甲\"\"\",'=SUM(A1),leader-1",
            lines[1]);
        Assert.Equal([""], lines[2..]); // every line ends with CRLF
    }
}
