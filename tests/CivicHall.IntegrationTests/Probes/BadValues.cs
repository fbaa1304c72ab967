using System.Text.Json.Nodes;

namespace CivicHall.IntegrationTests.Probes;

/// <summary>
/// What the malformed-input sweep sends instead of a valid value: hostile path ids, bad query values and
/// bad body values by the type and format the OpenAPI document gives a property.
/// </summary>
internal static class BadValues
{
    /// <summary>The gateway's (and every service's) request body limit, <c>Requests:MaxBodyBytes</c>.</summary>
    public const int BodyLimit = 1024 * 1024;

    /// <summary>Path ids as sent on the wire (already escaped where escaping is the point).</summary>
    public static readonly (string Kind, string Raw)[] Ids =
    [
        ("dot-dot", "..%2F..%2Fetc%2Fpasswd"),
        ("dot-dot unescaped", "../../etc/passwd"),
        ("dot-dot escaped dots", "%2E%2E%2F%2E%2E%2F"),
        ("backslashes", "..%5C..%5Cwindows"),
        ("300 characters", new string('a', 300)),
        ("300 CJK characters", string.Concat(Enumerable.Repeat("%E5%A4%A7", 300))),
        ("non-ASCII", "caf%C3%A9-1"),
        ("CJK", "%E9%9D%92%E6%B5%A6"),
        ("NUL", "probe%00x"),
        ("BEL", "probe%07x"),
        ("invalid UTF-8", "probe%FFx"),
        ("spaces", "%20probe%20"),
        ("negative", "-1"),
        ("1e308", "1e308"),
        ("2^63", "9223372036854775808"),
        ("nil uuid", "00000000-0000-0000-0000-000000000000"),
        ("SQL", "x'%3B%20DROP%20TABLE%20halls%3B--"),
    ];

    /// <summary>The bad values of a property by the type and format its schema gives it.</summary>
    public static IEnumerable<(string Kind, JsonNode? Value, bool Remove)> OfProperty(BodyTarget target)
    {
        static (string, JsonNode?, bool) V(string kind, JsonNode? value) => (kind, value, false);
        static JsonNode Raw(string json) => JsonNode.Parse(json)!;
        var schema = target.Schema;
        var type = ApiDescription.TypeOf(schema);
        var format = ApiDescription.FormatOf(schema);
        var leaf = target.Path[^1];

        if (leaf.Kind == StepKind.Element)
        {
            yield return V("null in an array", null);
        }
        else
        {
            yield return ("missing", null, true);
        }

        switch (type)
        {
            case "integer" or "number":
                yield return V("wrong type: string", "abc");
                yield return V("wrong type: boolean", true);
                yield return V("wrong type: object", new JsonObject());
                if (type == "integer")
                {
                    yield return V("fraction", 1.5);
                }

                yield return V("-1", -1);
                yield return V("1e308", Raw("1e308"));
                yield return V("-1e308", Raw("-1e308"));
                yield return V("2^63", Raw("9223372036854775808"));
                yield return V("-2^63-1", Raw("-9223372036854775809"));
                yield return V("\"NaN\"", "NaN");
                yield return V("\"Infinity\"", "Infinity");
                yield return V("\"-Infinity\"", "-Infinity");
                yield break;
            case "boolean":
                yield return V("wrong type: string", "yes");
                yield return V("wrong type: number", 1);
                yield return V("wrong type: object", new JsonObject());
                yield break;
            case "array":
                yield return V("wrong type: object", new JsonObject());
                yield return V("wrong type: string", "probe");
                yield return V("wrong type: number", 1);
                yield break;
            case "object":
                yield return V("wrong type: array", new JsonArray());
                yield return V("wrong type: string", "probe");
                yield return V("wrong type: number", 1);
                yield break;
        }

        // Strings (and anything the document does not type).
        yield return V("wrong type: number", 12345);
        yield return V("wrong type: boolean", true);
        yield return V("wrong type: object", new JsonObject());
        yield return V("empty string", string.Empty);
        yield return V("blank", "   ");
        yield return V("64 KiB string", new string('x', 64 * 1024));
        yield return V("1 MiB string", new string('x', BodyLimit));
        yield return V("NUL", "\u0000");
        yield return V("NUL inside", "probe\u0000x");
        yield return V("BEL inside", "probe\u0007x");
        yield return V("non-ASCII", "café-1");
        yield return V("dot-dot", "../../etc/passwd");
        yield return V("300 characters", new string('a', 300));
        switch (format)
        {
            case "uuid":
                yield return V("not a uuid", "not-a-uuid");
                yield return V("nil uuid", Guid.Empty.ToString());
                yield break;
            case "date-time":
                foreach (var (kind, value) in DateTimes)
                {
                    yield return V(kind, value);
                }

                yield break;
            case "date":
                foreach (var (kind, value) in Dates)
                {
                    yield return V(kind, value);
                }

                yield break;
        }

        // Untyped strings that the property's name says hold a date, a time or a time zone.
        var name = target.Path.LastOrDefault(s => s.Kind == StepKind.Property)?.Name ?? string.Empty;
        if (name.Contains("zone", StringComparison.OrdinalIgnoreCase) && name.Contains("time", StringComparison.OrdinalIgnoreCase))
        {
            yield return V("unknown time zone", "Mars/Olympus");
            yield return V("offset +25:00", "+25:00");
            yield return V("UTC+99", "UTC+99");
        }
        else if (name.Contains("date", StringComparison.OrdinalIgnoreCase) || name is "opens" or "closes" || name.EndsWith("At", StringComparison.Ordinal) || name.EndsWith("On", StringComparison.Ordinal))
        {
            foreach (var (kind, value) in Dates.Concat(Times).Concat(DateTimes))
            {
                yield return V(kind, value);
            }
        }
    }

    private static readonly (string Kind, string Value)[] Dates =
        [("2026-02-30", "2026-02-30"), ("2026-13-01", "2026-13-01"), ("0001-01-01", "0001-01-01"), ("9999-12-31", "9999-12-31"), ("26-1-1", "26-1-1")];

    private static readonly (string Kind, string Value)[] Times = [("25:00", "25:00"), ("24:00", "24:00"), ("-01:00", "-01:00"), ("9:5", "9:5")];

    private static readonly (string Kind, string Value)[] DateTimes =
    [
        ("Feb 30", "2026-02-30T10:00:00+08:00"),
        ("hour 25", "2026-01-01T25:00:00+08:00"),
        ("offset +25:00", "2026-01-01T00:00:00+25:00"),
        ("year 1 at +14:00", "0001-01-01T00:00:00+14:00"),
        ("year 9999 at -14:00", "9999-12-31T23:59:59-14:00"),
        ("no offset, year 9999", "9999-12-31T23:59:59"),
        ("words", "yesterday"),
    ];

    /// <summary>The bad values of a query parameter by its type and format, as sent on the wire.</summary>
    public static IEnumerable<(string Kind, string Raw)> OfQuery(ApiParameter parameter)
    {
        var type = ApiDescription.TypeOf(parameter.Schema);
        var format = ApiDescription.FormatOf(parameter.Schema);
        yield return ("empty", string.Empty);
        yield return ("given twice", string.Empty);
        yield return ("NUL", "probe%00x");
        yield return ("invalid UTF-8", "%FF%FE");
        yield return ("non-ASCII", "caf%C3%A9-1");
        yield return ("300 characters", new string('a', 300));
        switch (type)
        {
            case "integer" or "number":
                foreach (var raw in new[] { "-1", "1e308", "9223372036854775808", "NaN", "Infinity", "abc", "1.5" })
                {
                    yield return (raw, raw);
                }

                break;
            case "boolean":
                yield return ("maybe", "maybe");
                yield return ("2", "2");
                break;
        }

        if (format is "date" or "date-time")
        {
            foreach (var (kind, value) in Dates.Concat(Times).Concat(DateTimes))
            {
                yield return (kind, Uri.EscapeDataString(value));
            }
        }
    }
}
