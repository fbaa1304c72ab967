using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CivicHall.ServiceDefaults.Csv;

/// <summary>
/// A table as <c>text/csv</c> (RFC 4180): UTF-8 with a byte-order mark so that spreadsheet programs set to
/// zh-CN read the Chinese right, CRLF line ends, every field quoted when it holds a comma, a quote or a line
/// break. A text field that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return
/// is prefixed with <c>'</c> so that a spreadsheet never runs it as a formula (CSV injection).
/// </summary>
public sealed class CsvResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string MediaType = "text/csv";

    private readonly IReadOnlyList<string> _header;
    private readonly IEnumerable<IReadOnlyList<object?>>? _rows;
    private readonly IAsyncEnumerable<IReadOnlyList<object?>>? _asyncRows;
    private readonly string _fileName;

    public CsvResult(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        _fileName = fileName;
        _header = header;
        _rows = rows;
    }

    /// <summary>
    /// Rows read while the answer is written (a ledger's day straight from the database): each row goes out as it
    /// comes, through a 16 KiB buffer, so a file of any length is never held in memory whole.
    /// </summary>
    public CsvResult(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        _fileName = fileName;
        _header = header;
        _asyncRows = rows;
    }

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => MediaType + "; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{_fileName}\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line(_header.Cast<object?>().ToList()));
        if (_asyncRows is not null)
        {
            await foreach (var row in _asyncRows.WithCancellation(httpContext.RequestAborted))
            {
                await writer.WriteAsync(Line(row));
            }
        }
        else
        {
            foreach (var row in _rows!)
            {
                await writer.WriteAsync(Line(row));
            }
        }

        await writer.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>One record, CRLF-terminated.</summary>
    public static string Line(IReadOnlyList<object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var line = new StringBuilder();
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(Field(fields[i]));
        }

        return line.Append("\r\n").ToString();
    }

    /// <summary>One field: invariant culture for numbers, ISO 8601 for times, quoted and guarded as the type's summary says.</summary>
    public static string Field(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            string s => Guard(s),
            DateTimeOffset t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => Guard(value.ToString() ?? string.Empty),
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static string Guard(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}

/// <summary>Choosing CSV for an answer that also comes as JSON, and saying so in the OpenAPI document.</summary>
public static class CsvNegotiation
{
    /// <summary>The caller asked for CSV: <c>format=csv</c>, or an <c>Accept</c> header that names <c>text/csv</c> and not JSON.</summary>
    public static bool WantsCsv(this HttpRequest request, string? format)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (format is not null)
        {
            return string.Equals(format, "csv", StringComparison.Ordinal);
        }

        var accept = request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MediaType.Equals(CsvResult.MediaType, StringComparison.OrdinalIgnoreCase))
            && !accept.Any(a => a.MediaType.Value?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true);
    }

    /// <summary>The check of a <c>format</c> query parameter: absent, <c>json</c> or <c>csv</c>; anything else is named in <paramref name="errors"/>.</summary>
    public static void CheckFormat(Dictionary<string, string[]> errors, string? format)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (format is not (null or "json" or "csv"))
        {
            errors["format"] = ["json or csv."];
        }
    }

    /// <summary>Documents the CSV form of the 200 answer next to its JSON.</summary>
    public static TBuilder ProducesCsv<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new OpenApi.CsvAnswerMetadata());
        return builder;
    }
}
