namespace CivicHall.IntegrationTests.Infrastructure;

/// <summary>
/// Records the spans of the traces a test starts (and those linked to them), from every source and every
/// host of the test process — and nothing of anyone else's traces, so classes running beside it neither
/// add to it nor pay for it.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentDictionary<ActivityTraceId, ConcurrentQueue<Activity>> _traces = new();
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref options) => Watched(options.TraceId, options.Links) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>
    /// Starts a new trace to watch, as a traced client does (a span of its own, current until disposed):
    /// the requests sent meanwhile carry it in their <c>traceparent</c>.
    /// </summary>
    public Activity StartClientSpan()
    {
        var traceId = ActivityTraceId.CreateRandom();
        _traces[traceId] = new ConcurrentQueue<Activity>();
        var client = new Activity("test client");
        client.SetParentId(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        return client.Start();
    }

    /// <summary>The spans of the trace that have ended so far, and those of other traces linked to it.</summary>
    public IReadOnlyList<Activity> Of(ActivityTraceId traceId) => [.. _traces[traceId]];

    /// <summary>A span and its ancestors within <paramref name="spans"/>, child first, as far as they were recorded.</summary>
    public static List<Activity> Ancestry(Activity span, IReadOnlyList<Activity> spans)
    {
        var bySpan = spans.Where(s => s.TraceId == span.TraceId).GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        var chain = new List<Activity> { span };
        while (bySpan.TryGetValue(chain[^1].ParentSpanId, out var parent) && chain.Count < 100)
        {
            chain.Add(parent);
        }

        return chain;
    }

    /// <summary>One line per span, for a failure message.</summary>
    public static string Describe(IEnumerable<Activity> spans) => string.Join(
        Environment.NewLine,
        spans.Select(s => $"{s.Source.Name} {s.Kind} '{s.DisplayName}' {s.TraceId}/{s.SpanId} parent {s.ParentSpanId} "
            + $"links [{string.Join(", ", s.Links.Select(l => $"{l.Context.TraceId}/{l.Context.SpanId}"))}] "
            + string.Join(' ', s.TagObjects.Select(t => $"{t.Key}={t.Value}"))));

    public void Dispose() => _listener.Dispose();

    private bool Watched(ActivityTraceId traceId, IEnumerable<ActivityLink>? links) =>
        _traces.ContainsKey(traceId) || (links?.Any(l => _traces.ContainsKey(l.Context.TraceId)) ?? false);

    private void Record(Activity activity)
    {
        if (_traces.TryGetValue(activity.TraceId, out var own))
        {
            own.Enqueue(activity);
        }

        foreach (var link in activity.Links)
        {
            if (link.Context.TraceId != activity.TraceId && _traces.TryGetValue(link.Context.TraceId, out var linked))
            {
                linked.Enqueue(activity);
            }
        }
    }
}
