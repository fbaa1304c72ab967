using System.Text.Json.Nodes;
using CivicHall.Booking.Data;
using CivicHall.Incident.Data;
using CivicHall.Occupancy.Containment;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Halls;
using CivicHall.Occupancy.Policies;
using CivicHall.Sanitation.Data;
using CivicHall.Screening.Data;
using CivicHall.Screening.Policies;
using CivicHall.Screening.Screenings;
using CivicHall.Screening.Staff;

namespace CivicHall.IntegrationTests.Probes;

/// <summary>
/// The project probes itself (issue 14): every operation of every service's OpenAPI document, through
/// the gateway, with malformed input derived from the document — bad bodies, wrong types per property,
/// nulls in arrays, missing fields, huge strings, control characters, non-ASCII, hostile ids, extreme
/// numbers, impossible dates — sent with a token holding every role, against a configured hall.
/// Nothing may answer 5xx, every 4xx is a problem with a <c>code</c>, a body over the gateway's 1 MiB
/// limit is refused with 413, a refused request stores nothing, and valid requests still succeed after.
/// </summary>
[Collection(ProbesRunAlone.Name)]
public sealed class MalformedInputSweepTests(ProbeSystem probe) : IClassFixture<ProbeSystem>
{
    private const int Concurrency = 8;
    private const string Json = "application/json";

    /// <summary>A guard against a hang, not a speed target: the sweep takes a fraction of it.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiDescription Api => probe.Api;

    [Fact]
    public async Task Malformed_input_to_every_documented_operation_is_refused_with_a_problem_and_stores_nothing()
    {
        var output = TestContext.Current.TestOutputHelper;
        var failures = new ConcurrentBag<Failure>();
        var probes = Api.Operations.SelectMany(Probes).ToList();
        var snapshotUrls = SnapshotUrls(probes);

        var first = await SnapshotAsync(snapshotUrls);
        var volatilePaths = Volatile(first, await SnapshotAsync(snapshotUrls));
        var counts = await CountRowsAsync();

        var outcomes = new ConcurrentBag<(Probe Probe, ProbeOutcome Outcome)>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = Ct }, async (p, ct) =>
        {
            using var request = p.ToRequest(probe.AllRoles);
            outcomes.Add((p, await ProbeOutcome.OfAsync(probe.Gateway, request, RequestTimeout, ct)));
        });
        clock.Stop();

        foreach (var (p, outcome) in outcomes)
        {
            Judge(p, outcome, failures);
        }

        if (clock.Elapsed > Budget)
        {
            failures.Add(new Failure("sweep", "-", "time budget", string.Empty, 0, $"{probes.Count} requests took {clock.Elapsed.TotalSeconds:0} s, over the {Budget.TotalSeconds:0} s budget", null));
        }

        // Nothing stored for a refused request: what the snapshot shows is unchanged unless a request the
        // sweep made was accepted (2xx) for that resource; rows grow only by what accepted requests added.
        var accepted = outcomes.Where(o => o.Outcome.IsSuccess && !o.Probe.Operation.IsRead).Select(o => o.Probe).ToList();
        var acceptedAll = outcomes.Where(o => o.Outcome.IsSuccess).Select(o => o.Probe).ToList();
        var after = await SnapshotAsync(snapshotUrls);
        foreach (var (url, before) in first)
        {
            var now = after[url];
            if (Tainted(url, accepted))
            {
                continue;
            }

            var changed = Flatten(before.Body).Where(kv => !volatilePaths.Contains(kv.Key)).ToHashSet();
            changed.SymmetricExceptWith(Flatten(now.Body).Where(kv => !volatilePaths.Contains(kv.Key)));
            if (before.Status != now.Status || changed.Count > 0)
            {
                failures.Add(new Failure("GET " + url, "data", "changed although every write to it was refused", url, now.Status,
                    $"answered {before.Status} before the sweep, {now.Status} after: {now.Excerpt}", null));
            }
        }

        var countsAfter = await CountRowsAsync();
        foreach (var table in Tables)
        {
            var grew = countsAfter[table.Name] - counts[table.Name];
            var allowed = acceptedAll.Where(p => table.Operations.Contains(p.Operation.Key)).Sum(p => p.Rows);
            if (grew > allowed)
            {
                failures.Add(new Failure(string.Join(" | ", table.Operations), "data", "rows stored by refused requests", table.Name, 0,
                    $"{table.Name}: {grew} more rows, but accepted requests account for {allowed}", null));
            }
        }

        // Valid requests after the sweep still succeed (a poisoned pooled connection would fail them).
        await probe.ConfigureAsync(Ct);
        // Enough of each to go through every pooled connection of a service (20 a pool).
        var valid = Enumerable.Range(0, 40).Select(_ => (HttpMethod.Post, "/api/v1/bookings", probe.Example("POST /api/v1/bookings")))
            .Concat(Enumerable.Range(0, 40).Select(_ => (HttpMethod.Post, "/api/v1/screenings", probe.Example("POST /api/v1/screenings"))))
            .Concat(Enumerable.Range(0, 20).Select(_ => (HttpMethod.Get, $"/api/v1/halls/{ProbeSystem.HallId}/occupancy", (JsonNode?)null)))
            .Concat(Enumerable.Range(0, 20).Select(_ => (HttpMethod.Get, $"/api/v1/agents/{ProbeSystem.Subject}", (JsonNode?)null)))
            .ToList();
        await Parallel.ForEachAsync(valid, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = Ct }, async (v, ct) =>
        {
            using var request = new HttpRequestMessage(v.Item1, v.Item2);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", probe.AllRoles);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            if (v.Item3 is { } body)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, Json);
            }

            var outcome = await ProbeOutcome.OfAsync(probe.Gateway, request, RequestTimeout, ct);
            if (!outcome.IsSuccess)
            {
                failures.Add(new Failure($"{v.Item1} {v.Item2}", "-", "valid request after the sweep", v.Item2, outcome.Status, outcome.Excerpt,
                    string.Join(" / ", probe.ErrorsOf(outcome.TraceId).Select(e => e.ToString()).Distinct())));
            }
        });

        // A connection returned to the pool in a broken state shows as a protocol error on whoever gets it next.
        foreach (var broken in probe.Errors.Where(e => e.Exception?.Contains("unexpected backend message", StringComparison.OrdinalIgnoreCase) == true).GroupBy(e => e.Service))
        {
            failures.Add(new Failure($"{broken.Key} (any request)", "-", "poisoned pooled connection", "-", 500,
                $"{broken.Count()} request(s) got a pooled database connection left broken by an earlier failure: {broken.First().Exception}", null));
        }

        output?.WriteLine($"Malformed-input sweep: {probes.Count} requests over {Api.Operations.Count} operations in {clock.Elapsed.TotalSeconds:0.0} s " +
            $"({probes.Count / Math.Max(clock.Elapsed.TotalSeconds, 0.001):0} requests/s, {Concurrency} at a time); then {valid.Count} valid requests.");
        output?.WriteLine($"Operations per service: {string.Join(", ", ApiDescription.Services.Select(s => $"{s} {Api.Operations.Count(o => o.Service == s)}"))}.");
        output?.WriteLine($"NUL in the request target refused by Kestrel with a bare 400 (not judged): {outcomes.Count(o => RefusedByKestrel(o.Probe, o.Outcome))}.");
        output?.WriteLine($"Status codes: {string.Join(", ", outcomes.GroupBy(o => o.Outcome.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}.");
        output?.WriteLine($"Bad variants accepted (2xx, not a failure by itself): {accepted.Count(a => a.Kind != "valid")}");
        foreach (var group in accepted.Where(a => a.Kind != "valid").GroupBy(a => (a.Operation.Key, a.Kind)).OrderBy(g => g.Key.Key, StringComparer.Ordinal))
        {
            output?.WriteLine($"  {group.Key.Key} — {group.Key.Kind}: {string.Join(", ", group.Select(g => g.Field).Distinct().Take(8))}");
        }

        Assert.True(failures.IsEmpty, Report(failures, probes.Count, clock.Elapsed));
    }

    /// <summary>Every request of the sweep for one operation: valid, then each bad variant of its path, query and body.</summary>
    private IEnumerable<Probe> Probes(ApiOperation op)
    {
        var path = op.PathParameters.ToDictionary(p => p.Name, p => Uri.EscapeDataString(ValidPathValue(p)), StringComparer.Ordinal);
        var query = op.QueryParameters.Select(q => (q.Name, Value: Uri.EscapeDataString(ValidQueryValue(q)))).ToList();
        var hasBody = !op.IsRead;
        JsonNode? Base() => op.BodySchema is null ? null : probe.Example(op.Key) ?? Api.Generate(op, op.BodySchema);
        Probe Make(string field, string kind, IReadOnlyDictionary<string, string>? pathValues = null, IReadOnlyList<(string, string)>? queryValues = null, byte[]? body = null, string? contentType = Json, bool useBase = true)
        {
            var content = body ?? (useBase && hasBody ? Encode(Base()) : null);
            return new Probe(op, field, kind, Url(op, pathValues ?? path, queryValues ?? query), content, content is null ? null : contentType);
        }

        yield return Make("-", "valid");

        foreach (var parameter in op.PathParameters)
        {
            foreach (var (kind, raw) in BadValues.Ids)
            {
                yield return Make($"path {parameter.Name}", kind, pathValues: new Dictionary<string, string>(path, StringComparer.Ordinal) { [parameter.Name] = raw });
            }
        }

        foreach (var parameter in op.QueryParameters)
        {
            foreach (var (kind, raw) in BadValues.OfQuery(parameter))
            {
                var values = kind == "given twice"
                    ? [.. query, query.First(q => q.Name == parameter.Name)]
                    : query.Select(q => q.Name == parameter.Name ? (q.Name, raw) : q).ToList();

                yield return Make($"query {parameter.Name}", kind, queryValues: values);
            }
        }

        if (!hasBody)
        {
            yield break;
        }

        // Bodies every write is sent, whether or not its document describes one.
        var valid = Encode(Base() ?? new JsonObject()) ?? [];
        yield return Make("body", "no body", useBase: false, contentType: null);
        yield return Make("body", "empty body", body: []);
        yield return Make("body", "not JSON", body: Encoding.UTF8.GetBytes("this is not JSON"));
        yield return Make("body", "truncated JSON", body: Encoding.UTF8.GetBytes("{\"name\": \"probe"));
        yield return Make("body", "array at the top", body: Encoding.UTF8.GetBytes("[]"));
        yield return Make("body", "null in an array at the top", body: Encoding.UTF8.GetBytes("[null]"));
        yield return Make("body", "number at the top", body: Encoding.UTF8.GetBytes("42"));
        yield return Make("body", "string at the top", body: Encoding.UTF8.GetBytes("\"probe\""));
        yield return Make("body", "null at the top", body: Encoding.UTF8.GetBytes("null"));
        yield return Make("body", "true at the top", body: Encoding.UTF8.GetBytes("true"));
        yield return Make("body", "nested 10,000 deep", body: Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)));
        yield return Make("body", "invalid UTF-8", body: [.. "{\"name\":\""u8, 0xFF, 0xFE, 0xC3, .. "\"}"u8]);
        yield return Make("body", "JSON sent as text/plain", body: valid, contentType: "text/plain");
        yield return Make("body", "over 1 MiB (whitespace)", body: [.. valid[..^1], .. Encoding.ASCII.GetBytes(new string(' ', BadValues.BodyLimit + 1024)), .. valid[^1..]]);

        if (op.BodySchema is null || ApiDescription.TypeOf(op.BodySchema) != "object")
        {
            yield break;
        }

        foreach (var target in Targets(op, op.BodySchema, [], 0))
        {
            foreach (var (kind, value, remove) in BadValues.OfProperty(target))
            {
                var body = Base() ?? new JsonObject();
                Apply(op, body, target.Path, 0, value, remove);
                yield return Make("body." + target.Name, kind, body: Encode(body));
            }
        }
    }

    /// <summary>Each property of a body schema, nested objects, array items and map values included.</summary>
    private IEnumerable<BodyTarget> Targets(ApiOperation op, JsonObject schema, IReadOnlyList<Step> path, int depth)
    {
        if (depth > 4)
        {
            yield break;
        }

        IEnumerable<Step> children = ApiDescription.TypeOf(schema) switch
        {
            "object" => (schema["properties"]?.AsObject() ?? [])
                .Select(p => new Step(p.Key, StepKind.Property, Api.Child(op, p.Value)))
                .Concat(schema["additionalProperties"] is JsonObject map ? [new Step("*", StepKind.MapValue, Api.Child(op, map))] : []),
            "array" => [new Step("[0]", StepKind.Element, Api.Child(op, schema["items"]))],
            _ => [],
        };
        foreach (var child in children)
        {
            List<Step> childPath = [.. path, child];
            yield return new BodyTarget(childPath);
            foreach (var nested in Targets(op, child.Schema, childPath, depth + 1))
            {
                yield return nested;
            }
        }
    }

    /// <summary>Sets (or removes) the value at a path of a body, making what is missing on the way from the schema.</summary>
    private void Apply(ApiOperation op, JsonNode node, IReadOnlyList<Step> path, int index, JsonNode? value, bool remove)
    {
        var step = path[index];
        var last = index == path.Count - 1;
        switch (step.Kind)
        {
            case StepKind.Property or StepKind.MapValue when node is JsonObject obj:
                var name = step.Kind == StepKind.Property ? step.Name : obj.Select(p => p.Key).FirstOrDefault() ?? "probe";
                if (last)
                {
                    if (remove)
                    {
                        obj.Remove(name);
                    }
                    else
                    {
                        obj[name] = value;
                    }

                    return;
                }

                if (obj[name] is null)
                {
                    obj[name] = Api.Generate(op, step.Schema);
                }

                Apply(op, obj[name]!, path, index + 1, value, remove);
                return;
            case StepKind.Element when node is JsonArray array:
                if (array.Count == 0)
                {
                    array.Add(Api.Generate(op, step.Schema));
                }

                if (last)
                {
                    if (remove)
                    {
                        array.RemoveAt(0);
                    }
                    else
                    {
                        array[0] = value;
                    }

                    return;
                }

                if (array[0] is null)
                {
                    array[0] = Api.Generate(op, step.Schema);
                }

                Apply(op, array[0]!, path, index + 1, value, remove);
                return;
        }
    }

    private string ValidPathValue(ApiParameter parameter) => parameter.Name switch
    {
        "hallId" => ProbeSystem.HallId,
        "itemId" => ProbeSystem.ItemId,
        "zoneId" => ProbeSystem.ZoneId,
        "bookingId" => probe.BookingId.ToString(),
        "screeningId" => probe.ScreeningId.ToString(),
        "agentId" or "staffId" => ProbeSystem.Subject,
        _ => ApiDescription.FormatOf(parameter.Schema) == "uuid" ? Guid.NewGuid().ToString() : "probe",
    };

    private string ValidQueryValue(ApiParameter parameter) => parameter.Name switch
    {
        "date" => probe.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "itemId" => ProbeSystem.ItemId,
        "windowGroup" => "social",
        "district" => "青浦区",
        "reason" => "柜台核验身份",
        _ => ApiDescription.TypeOf(parameter.Schema) switch
        {
            "integer" or "number" => "3",
            "boolean" => "true",
            _ => ApiDescription.FormatOf(parameter.Schema) switch
            {
                "date-time" => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                "date" => probe.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "uuid" => Guid.NewGuid().ToString(),
                _ => "probe",
            },
        },
    };

    private static string Url(ApiOperation op, IReadOnlyDictionary<string, string> path, IReadOnlyList<(string Name, string Value)> query)
    {
        var url = op.PathParameters.Aggregate(op.Template, (t, p) => t.Replace("{" + p.Name + "}", path[p.Name], StringComparison.Ordinal));
        return query.Count == 0 ? url : url + "?" + string.Join('&', query.Select(q => $"{q.Name}={q.Value}"));
    }

    private static byte[]? Encode(JsonNode? body) => body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString());

    private void Judge(Probe p, ProbeOutcome outcome, ConcurrentBag<Failure> failures)
    {
        void Fail(string why) => failures.Add(new Failure(p.Operation.Key, p.Field, p.Kind, p.Url, outcome.Status, $"{why}: {outcome.Excerpt}",
            string.Join(" / ", probe.ErrorsOf(outcome.TraceId).Select(e => e.ToString()).Distinct())));

        if (outcome.Error is not null)
        {
            Fail("no answer");
        }
        else if (outcome.Status >= 500)
        {
            Fail($"{outcome.Status}");
        }
        else if (outcome.Status >= 400 && !outcome.IsProblem && !RefusedByKestrel(p, outcome))
        {
            Fail($"{outcome.Status} is not {ProbeOutcome.ProblemJson} with a code (got {outcome.MediaType ?? "no content type"})");
        }

        if (outcome.Status >= 400 && outcome.LeaksStackTrace)
        {
            Fail("a stack trace or exception in the answer");
        }

        if (p.Body is { Length: > BadValues.BodyLimit } && outcome.Status is not (413 or 0) && outcome.Status < 500)
        {
            Fail($"a body of {p.Body.Length / 1024} KiB (over the 1 MiB limit) answered {outcome.Status}, not 413");
        }
    }

    /// <summary>
    /// Kestrel itself refuses a request target holding a NUL (%00) with a bare 400 before any middleware
    /// runs, so no code of ours can answer it with a problem; that refusal is all a client can get.
    /// </summary>
    private static bool RefusedByKestrel(Probe p, ProbeOutcome outcome) =>
        outcome is { Status: 400, MediaType: null, Body.Length: 0 } && p.Url.Contains("%00", StringComparison.Ordinal);

    /// <summary>
    /// GETs whose answers must not change through refused requests: for each write to an id (PUT …/{id})
    /// with a GET at the same path, the GET of every id the sweep wrote to. A refused write must not have
    /// created or changed what it shows. (Seeded resources are not compared: the sweep's accepted requests
    /// change them, directly or through events.)
    /// </summary>
    private List<string> SnapshotUrls(List<Probe> probes)
    {
        var readable = Api.Operations.Where(o => o.Method == "GET").Select(o => o.Template).ToHashSet(StringComparer.Ordinal);
        return [.. probes
            .Where(p => !p.Operation.IsRead && p.Field.StartsWith("path ", StringComparison.Ordinal) && readable.Contains(p.Operation.Template))
            .Select(p => p.Url.Split('?')[0])
            .Distinct(StringComparer.Ordinal)];
    }

    private async Task<Dictionary<string, ProbeOutcome>> SnapshotAsync(List<string> urls)
    {
        var results = new ConcurrentDictionary<string, ProbeOutcome>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = Ct }, async (url, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", probe.AllRoles);
            results[url] = await ProbeOutcome.OfAsync(probe.Gateway, request, RequestTimeout, ct);
        });
        return new Dictionary<string, ProbeOutcome>(results, StringComparer.Ordinal);
    }

    /// <summary>JSON paths that differ between two reads with nothing in between (clocks, sequences): not compared.</summary>
    private static HashSet<string> Volatile(Dictionary<string, ProbeOutcome> first, Dictionary<string, ProbeOutcome> second)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (url, outcome) in first)
        {
            var a = Flatten(outcome.Body);
            var b = Flatten(second[url].Body);
            paths.UnionWith(a.Keys.Concat(b.Keys).Where(k => !a.TryGetValue(k, out var x) || !b.TryGetValue(k, out var y) || x != y || k.EndsWith(".traceId", StringComparison.Ordinal)));
        }

        return paths;
    }

    private static Dictionary<string, string> Flatten(string body)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.Length == 0 || body[0] is not ('{' or '['))
        {
            result["$"] = body;
            return result;
        }

        void Walk(JsonElement element, string path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Walk(property.Value, $"{path}.{property.Name}");
                    }

                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item, $"{path}[{i++}]");
                    }

                    result[path + ".length"] = i.ToString(CultureInfo.InvariantCulture);
                    break;
                default:
                    result[path] = element.GetRawText();
                    break;
            }
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            Walk(json.RootElement, "$");
        }
        catch (JsonException)
        {
            result["$"] = body;
        }

        return result;
    }

    /// <summary>
    /// Whether an accepted write may have changed what a GET shows: it wrote to the same resource or one
    /// above or below it, or named one of the GET's ids in its body (a reading names its hall).
    /// </summary>
    private static bool Tainted(string url, List<Probe> accepted)
    {
        var segments = url.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return accepted.Any(p =>
        {
            var written = p.Url.Split('?')[0];
            return written == url || written.StartsWith(url + "/", StringComparison.Ordinal) || url.StartsWith(written + "/", StringComparison.Ordinal)
                || (p.Body is { Length: > 0 and < 256 * 1024 } body && segments.Skip(3).Any(s => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"\"{Uri.UnescapeDataString(s)}\"")) >= 0));
        });
    }

    /// <summary>Rows each accepted request may add; the rest of what grows was stored by a refused request.</summary>
    private static readonly Table[] Tables =
    [
        new("booking.bookings", ["POST /api/v1/bookings", "POST /api/v1/bookings/batches"], s => s.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.Bookings.CountAsync())),
        new("booking.agents", ["PUT /api/v1/agents/{agentId}"], s => s.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.Agents.CountAsync())),
        new("booking.service_items", ["PUT /api/v1/halls/{hallId}/service-items/{itemId}"], s => s.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.ServiceItems.CountAsync())),
        new("booking.booking_policies", ["PUT /api/v1/halls/{hallId}/booking-policy"], s => s.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.Policies.CountAsync())),
        new("booking.personal_data_reads", ["GET /api/v1/bookings/{bookingId}/person"], s => s.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.PersonalDataReads.CountAsync())),
        new("screening.screening_records", ["POST /api/v1/screenings"], s => s.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db => db.Screenings.CountAsync())),
        new("screening.staff_health_files", ["PUT /api/v1/staff/{staffId}/health-file"], s => s.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db => db.StaffHealthFiles.CountAsync())),
        new("screening.screening_policies", ["PUT /api/v1/halls/{hallId}/screening-policy"], s => s.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db => db.Policies.CountAsync())),
        new("occupancy.halls", ["PUT /api/v1/halls/{hallId}"], s => s.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db => db.Halls.CountAsync())),
        new("occupancy.occupancy_policies", ["PUT /api/v1/halls/{hallId}/occupancy-policy"], s => s.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db => db.Policies.CountAsync())),
        new("occupancy.zone_audit", ["POST /api/v1/halls/{hallId}/zones/{zoneId}/closure", "POST /api/v1/halls/{hallId}/zones/{zoneId}/reopening"],
            s => s.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db => db.Set<ZoneAuditEntry>().CountAsync())),
        new("sanitation.waste_bags", ["PUT /api/v1/halls/{hallId}/sanitation/waste-bags/{bagId}"], s => s.QueryAsync<SanitationDbContext, int>(CivicHallSystem.Sanitation, db => db.WasteBags.CountAsync())),
        // A screening that ends in isolate opens a case by itself (AbnormalPersonDetected), with its opened entry.
        new("incident.incident_cases", ["POST /api/v1/incidents", "POST /api/v1/incidents/notices", "POST /api/v1/screenings"],
            s => s.QueryAsync<IncidentDbContext, int>(CivicHallSystem.Incident, db => db.Incidents.CountAsync())),
        new("incident.incident_steps",
            ["POST /api/v1/incidents", "POST /api/v1/incidents/notices", "POST /api/v1/screenings", "POST /api/v1/incidents/{incidentId}/steps/isolated", "POST /api/v1/incidents/{incidentId}/steps/reported",
             "POST /api/v1/incidents/{incidentId}/steps/transferred", "POST /api/v1/incidents/{incidentId}/steps/closed"],
            s => s.QueryAsync<IncidentDbContext, int>(CivicHallSystem.Incident, db => db.IncidentSteps.CountAsync())),
        new("incident.incident_actions", ["POST /api/v1/incidents/{incidentId}/actions/unit-informed", "POST /api/v1/incidents/{incidentId}/actions/hospital-notified"],
            s => s.QueryAsync<IncidentDbContext, int>(CivicHallSystem.Incident, db => db.Actions.CountAsync())),
        new("incident.incident_police_calls", ["POST /api/v1/incidents/{incidentId}/police-calls"], s => s.QueryAsync<IncidentDbContext, int>(CivicHallSystem.Incident, db => db.PoliceCalls.CountAsync())),
        new("incident.incident_policies", ["PUT /api/v1/halls/{hallId}/incident-policy"], s => s.QueryAsync<IncidentDbContext, int>(CivicHallSystem.Incident, db => db.Policies.CountAsync())),
        new("incident.containment_actions",
            ["POST /api/v1/halls/{hallId}/containment/zone-closures", "POST /api/v1/halls/{hallId}/containment/suspensions", "POST /api/v1/halls/{hallId}/containment/resumptions"],
            s => s.QueryAsync<IncidentDbContext, int>(CivicHallSystem.Incident, db => db.ContainmentActions.CountAsync())),
        // Acknowledgements are expected when an action takes effect: a closure at once, a suspension or resumption on approval.
        new("incident.containment_acknowledgements",
            ["POST /api/v1/halls/{hallId}/containment/zone-closures", "POST /api/v1/halls/{hallId}/containment/{containmentId}/approval"],
            s => s.QueryAsync<IncidentDbContext, int>(CivicHallSystem.Incident, db => db.ContainmentAcknowledgements.CountAsync())),
        new("incident.tracings", ["POST /api/v1/incidents/{incidentId}/tracing"], s => s.QueryAsync<IncidentDbContext, int>(CivicHallSystem.Incident, db => db.Tracings.CountAsync())),
        new("incident.clear_exports", ["POST /api/v1/incidents/{incidentId}/tracing/{tracingId}/clear-exports"],
            s => s.QueryAsync<IncidentDbContext, int>(CivicHallSystem.Incident, db => db.ClearExports.CountAsync())),
    ];

    private async Task<Dictionary<string, int>> CountRowsAsync()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            counts[table.Name] = await table.Count(probe.System);
        }

        return counts;
    }

    private string Report(IEnumerable<Failure> failures, int requests, TimeSpan elapsed)
    {
        var groups = failures
            .GroupBy(f => (f.Operation, f.Kind, f.Status, Why: f.Why.Split(':')[0]))
            .OrderBy(g => g.Key.Operation, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal)
            .ToList();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{failures.Count()} failures in {groups.Count} groups ({requests} requests, {elapsed.TotalSeconds:0.0} s):");
        foreach (var group in groups)
        {
            var example = group.First();
            var fields = string.Join(", ", group.Select(f => f.Field).Distinct().Take(12));
            var logged = group.Select(f => f.Logged).FirstOrDefault(l => !string.IsNullOrEmpty(l));
            report.AppendLine(CultureInfo.InvariantCulture,
                $"- {group.Key.Operation} | {group.Key.Kind} | {group.Key.Status} | ×{group.Count()} [{fields}] e.g. {ProbeSystem.Excerpt(example.Url, 120)} → {example.Why}{(logged is null ? string.Empty : $" | logged: {logged}")}");
        }

        var logs = probe.Errors.GroupBy(e => e.ToString()).OrderByDescending(g => g.Count()).Take(25).ToList();
        if (logs.Count > 0)
        {
            report.AppendLine("Errors the services logged:");
            foreach (var log in logs)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"- ×{log.Count()} {ProbeSystem.Excerpt(log.Key, 300)}");
            }
        }

        return report.ToString();
    }

    private sealed record Probe(ApiOperation Operation, string Field, string Kind, string Url, byte[]? Body, string? ContentType)
    {
        /// <summary>How many rows of a table an accepted request may add (a batch, one per person).</summary>
        public int Rows
        {
            get
            {
                if (Body is null || Operation.Key != "POST /api/v1/bookings/batches")
                {
                    return 1;
                }

                try
                {
                    return JsonNode.Parse(Body)?["people"] is JsonArray people ? Math.Max(1, people.Count) : 1;
                }
                catch (JsonException)
                {
                    return 1;
                }
            }
        }

        public HttpRequestMessage ToRequest(string token)
        {
            var request = new HttpRequestMessage(new HttpMethod(Operation.Method), Url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (Operation.Method == "POST")
            {
                // Not in the documents, but booking refuses a POST without it before reading the body.
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            }

            if (Body is not null)
            {
                request.Content = new ByteArrayContent(Body);
                if (ContentType is not null)
                {
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType) { CharSet = ContentType == Json ? "utf-8" : null };
                }
            }

            return request;
        }
    }

    private sealed record Failure(string Operation, string Field, string Kind, string Url, int Status, string Why, string? Logged);

    private sealed record Table(string Name, string[] Operations, Func<CivicHallSystem, Task<int>> Count);
}
