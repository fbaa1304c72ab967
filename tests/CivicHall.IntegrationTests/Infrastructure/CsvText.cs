using System.Text.RegularExpressions;

namespace CivicHall.IntegrationTests.Infrastructure;

/// <summary>Reads a CSV answer the way a spreadsheet would (RFC 4180: quoted fields, doubled quotes, CRLF), to check what it holds.</summary>
public static partial class CsvText
{
    /// <summary>The records of <paramref name="bytes"/>, after checking the UTF-8 byte-order mark that makes Excel read Chinese.</summary>
    public static List<string[]> Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Assert.True(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "a CSV answer starts with the UTF-8 byte-order mark");
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(quoted, "a CSV answer ends outside a quoted field");
        Assert.True(field.Length == 0 && fields.Count == 0, "a CSV answer ends with CRLF");
        return records;
    }

    /// <summary>Fails when <paramref name="text"/> holds anything shaped like a clear 18-digit resident ID number (without printing it).</summary>
    public static void AssertNoClearIdNumber(string text, string where) =>
        Assert.False(ClearIdNumber().IsMatch(text), $"{where} holds something shaped like a clear ID number");

    [GeneratedRegex(@"\d{17}[\dXx]")]
    private static partial Regex ClearIdNumber();
}
