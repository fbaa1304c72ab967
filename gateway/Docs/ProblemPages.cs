using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using CivicHall.ServiceDefaults.Problems;

namespace CivicHall.Gateway.Docs;

/// <summary>One problem code as the reference explains it: its titles, the statuses it comes with, and the operations that answer it.</summary>
public sealed record ProblemCodePage(string Code, string Chinese, string English, IReadOnlyList<int> Statuses, IReadOnlyList<ProblemOperation> Operations);

/// <summary>An operation that may answer a code: method, path, operation id and summary.</summary>
public sealed record ProblemOperation(string Method, string Path, string? OperationId, string? Summary, int Status);

/// <summary>
/// The pages a problem's <c>type</c> points at (<see cref="ProblemTypes"/>): read from the merged document
/// (every problem answer lists its codes as examples; <c>x-problem-codes</c> gives their titles) and from the
/// gateway's own catalog (the codes it answers itself: rate limits, portal signatures, an unreachable service).
/// </summary>
public static class ProblemPages
{
    /// <summary>Encodes markup characters only: the pages are UTF-8, so Chinese stays readable in the source.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    public static SortedDictionary<string, ProblemCodePage> Read(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var operations = new Dictionary<string, List<ProblemOperation>>(StringComparer.Ordinal);
        foreach (var (path, item) in document["paths"] as JsonObject ?? [])
        {
            foreach (var method in Methods)
            {
                if (item?[method] is not JsonObject operation)
                {
                    continue;
                }

                foreach (var (status, response) in operation["responses"] as JsonObject ?? [])
                {
                    if (response?["content"]?["application/problem+json"]?["examples"] is not JsonObject examples
                        || !int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
                    {
                        continue;
                    }

                    foreach (var (name, _) in examples)
                    {
                        var list = operations.TryGetValue(name, out var found) ? found : operations[name] = [];
                        list.Add(new ProblemOperation(method.ToUpperInvariant(), path, (string?)operation["operationId"], (string?)operation["summary"], code));
                    }
                }
            }
        }

        var titles = document[OpenApiMerge.ProblemCodesExtension] as JsonObject ?? [];
        var pages = new SortedDictionary<string, ProblemCodePage>(StringComparer.Ordinal);
        foreach (var code in operations.Keys.Concat(titles.Select(t => t.Key)).Concat(ProblemCatalog.Codes).Distinct(StringComparer.Ordinal))
        {
            var ops = operations.TryGetValue(code, out var found) ? found : [];
            pages[code] = new ProblemCodePage(
                code,
                (string?)titles[code]?["zh-CN"] ?? ProblemCatalog.Message(code, english: false),
                (string?)titles[code]?["en"] ?? ProblemCatalog.Message(code, english: true),
                [.. ops.Select(o => o.Status).Distinct().Order()],
                [.. ops.OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)]);
        }

        return pages;
    }

    public static string Html(ProblemCodePage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var html = Encoder;
        var text = new StringBuilder();
        Head(text, $"{page.Code} · CivicHall");
        text.Append("<h1><code>").Append(html.Encode(page.Code)).Append("</code></h1>\n");
        text.Append("<p lang=\"zh-CN\">").Append(html.Encode(page.Chinese)).Append("</p>\n");
        text.Append("<p lang=\"en\">").Append(html.Encode(page.English)).Append("</p>\n");
        text.Append("<h2>HTTP 状态 · Status</h2>\n<p>")
            .Append(page.Statuses.Count == 0 ? "—" : string.Join(", ", page.Statuses)).Append("</p>\n");
        text.Append("<h2>出现于 · Answered by</h2>\n");
        if (page.Operations.Count == 0)
        {
            text.Append("<p>网关或任意接口 · The gateway, or any operation (listed with every answer in the reference).</p>\n");
        }
        else
        {
            text.Append("<ul>\n");
            foreach (var operation in page.Operations)
            {
                text.Append("<li><code>").Append(operation.Status).Append(' ').Append(html.Encode(operation.Method)).Append(' ')
                    .Append(html.Encode(operation.Path)).Append("</code>");
                if (operation.Summary is not null)
                {
                    text.Append(" — ").Append(html.Encode(operation.Summary));
                }

                text.Append("</li>\n");
            }

            text.Append("</ul>\n");
        }

        text.Append("<p><a href=\"").Append(ProblemTypes.PathPrefix.TrimEnd('/')).Append("\">所有代码 · All codes</a> · <a href=\"/docs\">API 参考 · API reference</a></p>\n");
        return text.Append("</body>\n</html>\n").ToString();
    }

    public static string IndexHtml(IEnumerable<ProblemCodePage> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var html = Encoder;
        var text = new StringBuilder();
        Head(text, "Problem codes · CivicHall");
        text.Append("<h1>问题代码 · Problem codes</h1>\n<p>Every error answer is <code>application/problem+json</code> with one of these <code>code</code>s; ")
            .Append("its <code>type</code> is the page of its code.</p>\n<table>\n<tr><th>code</th><th>状态 · status</th><th>说明</th><th>meaning</th></tr>\n");
        foreach (var page in pages)
        {
            text.Append("<tr><td><a href=\"").Append(html.Encode(ProblemTypes.Uri(page.Code))).Append("\"><code>").Append(html.Encode(page.Code))
                .Append("</code></a></td><td>").Append(string.Join(", ", page.Statuses)).Append("</td><td lang=\"zh-CN\">")
                .Append(html.Encode(page.Chinese)).Append("</td><td lang=\"en\">").Append(html.Encode(page.English)).Append("</td></tr>\n");
        }

        return text.Append("</table>\n<p><a href=\"/docs\">API 参考 · API reference</a></p>\n</body>\n</html>\n").ToString();
    }

    private static void Head(StringBuilder text, string title) =>
        text.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(Encoder.Encode(title))
            .Append("</title>\n<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}")
            .Append("table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}</style>\n</head>\n<body>\n");
}
