using System.Globalization;
using System.Text;
using CivicHall.ServiceDefaults.Csv;
using CivicHall.ServiceDefaults.Paging;
using Microsoft.AspNetCore.Http;

namespace CivicHall.UnitTests.Csv;

/// <summary>CSV as spreadsheets and auditors read it: RFC 4180 quoting, invariant numbers and times, no formulas.</summary>
public sealed class CsvResultTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("消毒记录", "消毒记录")]
    [InlineData("", "")]
    public void A_text_field_is_quoted_when_it_must_be_and_never_starts_a_formula(string value, string expected) =>
        Assert.Equal(expected, CsvResult.Field(value));

    [Fact]
    public void Numbers_times_dates_and_nulls_are_written_the_same_in_every_culture()
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            Assert.Equal(
                "-1.5,2026-12-01T08:30:00+08:00,2026-12-01,,true,42\r\n",
                CsvResult.Line([-1.5m, new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.FromHours(8)), new DateOnly(2026, 12, 1), null, true, 42]));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public async Task The_answer_is_utf8_with_a_byte_order_mark_an_attachment_and_crlf_lines()
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await new CsvResult("ledger.csv", ["名称", "count"], [["口罩", 3], ["a,b", null]]).ExecuteAsync(context);

        Assert.Equal("text/csv; charset=utf-8", context.Response.ContentType);
        Assert.Equal("attachment; filename=\"ledger.csv\"", context.Response.Headers.ContentDisposition.ToString());
        var bytes = body.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("名称,count\r\n口罩,3\r\n\"a,b\",\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("json", true)]
    [InlineData("csv", true)]
    [InlineData("CSV", false)]
    [InlineData("xml", false)]
    [InlineData("", false)]
    public void A_format_is_absent_json_or_csv_else_it_is_named(string? format, bool valid)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CsvNegotiation.CheckFormat(errors, format);
        Assert.Equal(valid, errors.Count == 0);
        Assert.Equal(valid ? [] : ["format"], errors.Keys);
    }

    [Fact]
    public void A_ledger_file_is_named_after_its_local_date_or_else_its_first_instant_in_utc()
    {
        var start = new DateTimeOffset(2026, 6, 10, 9, 30, 0, TimeSpan.FromHours(8));
        Assert.Equal("2026-06-10", DayWindow.FileStamp(new DateOnly(2026, 6, 10), start));
        Assert.Equal("20260610T0130", DayWindow.FileStamp(null, start));
    }
}
