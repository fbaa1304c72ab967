using CivicHall.IntegrationTests.Booking;
using CivicHall.IntegrationTests.Gateway;
using CivicHall.IntegrationTests.Occupancy;
using CivicHall.Messaging;
using CivicHall.Messaging.Outbox;
using CivicHall.Occupancy.Data;

namespace CivicHall.IntegrationTests.Telemetry;

/// <summary>
/// A caller's trace goes on across the outbox, the broker and the inbox into the other services, every
/// call through the gateway: a booking's trace reaches screening's consumer of <c>BookingConfirmed</c>; a
/// reading's trace reaches occupancy's consumer of <c>PersonAdmitted</c>, and goes on into the event the
/// admission writes (the floor holds one: <c>ZoneAtCapacity</c>), published by occupancy's relay.
/// </summary>
public sealed class TraceContinuationTests(GatewaySystemFixture fixture) : IClassFixture<GatewaySystemFixture>
{
    private static readonly DateOnly Day = BookingSetup.NextWeekday();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Through(params string[] roles) => fixture.System.Client(CivicHallSystem.Gateway, roles);

    [Fact]
    public async Task A_request_trace_continues_through_the_outbox_into_the_consumers_of_other_services()
    {
        using var spans = new SpanRecorder();
        var hallId = $"trace-{Guid.NewGuid():N}"[..14];
        await SetUpHallAsync(hallId);

        // booking → screening: the booking's trace reaches screening's consumer.
        using var citizen = Through(Roles.Citizen);
        using var book = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new { hallId, itemId = "pension", slotId = $"{Day:yyyyMMdd}-0900-social", channel = "app", person = TestPeople.Person(1) }),
        };
        book.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        ActivityTraceId bookingTrace;
        HttpResponseMessage booked;
        using (var client = spans.StartClientSpan())
        {
            bookingTrace = client.TraceId;
            booked = await citizen.SendAsync(book, Ct);
        }

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var consumed = await ConsumedInAsync(spans, bookingTrace, "BookingConfirmed");
        AssertContinuedFromOutbox(consumed, spans.Of(bookingTrace), "BookingConfirmed", "POST");

        // screening → occupancy: the reading's trace reaches occupancy's consumer, its inbox transaction,
        // and the event the admission wrote (the floor of one is full: ZoneAtCapacity), through occupancy's relay.
        using var screener = Through(Roles.Screener);
        using var read = new HttpRequestMessage(HttpMethod.Post, "/api/v1/screenings")
        {
            Content = JsonContent.Create(new
            {
                hallId,
                personKind = "visitor",
                person = TestPeople.Person(2),
                healthCode = "green",
                testAt = DateTimeOffset.UtcNow.AddHours(-24),
                testResult = "negative",
                temperatureC = 36.5m,
                mask = true,
                lane = "A1",
            }),
        };
        ActivityTraceId readingTrace;
        HttpResponseMessage screened;
        using (var client = spans.StartClientSpan())
        {
            readingTrace = client.TraceId;
            screened = await screener.SendAsync(read, Ct);
        }

        Assert.Equal(HttpStatusCode.Created, screened.StatusCode);
        Assert.Equal("admit", (await screened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("outcome").GetString());

        // Occupancy's consumer: sanitation consumes PersonAdmitted too (staff on duty), in the same trace.
        var admitted = await ConsumedInAsync(spans, readingTrace, "PersonAdmitted", endpoint: "occupancy-person-admitted");
        AssertContinuedFromOutbox(admitted, spans.Of(readingTrace), "PersonAdmitted", "POST");

        var alert = await Eventually.UntilAsync(
            () => Task.FromResult(spans.Of(readingTrace).FirstOrDefault(s => IsOutboxPublish(s, "ZoneAtCapacity"))),
            s => s is not null, because: "occupancy's relay should publish the alert in the reading's trace");
        var all = spans.Of(readingTrace);
        Assert.True(
            SpanRecorder.Ancestry(alert!, all).Any(s => s.SpanId == admitted.SpanId),
            $"The alert's publish should descend from occupancy's consume span:{Environment.NewLine}{SpanRecorder.Describe(SpanRecorder.Ancestry(alert!, all))}");
        var apply = all.Where(s => s.Source.Name == MessagingTelemetry.Name && s.DisplayName == MessagingTelemetry.ApplyActivityName
            && s.TagObjects.Any(t => t.Key == "civichall.inbox.consumer" && Equals(t.Value, "PersonAdmittedConsumer"))).ToList();
        bool FromAdmitted(ActivitySpanId spanId) =>
            all.FirstOrDefault(s => s.SpanId == spanId) is { } span && SpanRecorder.Ancestry(span, all).Any(s => s.SpanId == admitted.SpanId);
        Assert.True(
            apply.Any(s => FromAdmitted(s.ParentSpanId) || s.Links.Any(l => FromAdmitted(l.Context.SpanId))),
            $"Occupancy's inbox transaction should be a child of the consume span or link to it:{Environment.NewLine}{SpanRecorder.Describe(all)}");
    }

    [Fact]
    public async Task Admissions_applied_together_in_one_inbox_transaction_each_write_their_events_in_their_own_trace()
    {
        using var spans = new SpanRecorder();
        var halls = Enumerable.Range(1, 12).Select(i => $"trace-g{i}-{Guid.NewGuid():N}"[..18]).ToList();
        foreach (var hall in halls)
        {
            await FloorSetup.AddHallAsync(fixture.System, hall, floorAreaM2: 10m); // one person: the admission raises ZoneAtCapacity
        }

        // Published at once, each from a traced client of its own: the inbox takes what has queued in one group.
        var traces = new Dictionary<string, ActivityTraceId>(StringComparer.Ordinal);
        var published = new List<Task>();
        foreach (var hall in halls)
        {
            using var client = spans.StartClientSpan();
            traces[hall] = client.TraceId;
            published.Add(FloorSetup.PublishAsync(fixture.System, FloorSetup.Admitted(hall, 1)));
        }

        await Task.WhenAll(published);
        var alerts = await Eventually.UntilAsync(
            () => fixture.System.QueryAsync<OccupancyDbContext, List<OutboxMessage>>(CivicHallSystem.Occupancy, db => db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.MessageType == "CivicHall.Contracts.Occupancy.V1.ZoneAtCapacity").ToListAsync()),
            rows => halls.All(hall => rows.Any(r => r.Payload.Contains($"\"{hall}\"", StringComparison.Ordinal))),
            because: "every hall's floor of one should be full");

        foreach (var hall in halls)
        {
            var alert = alerts.Single(r => r.Payload.Contains($"\"{hall}\"", StringComparison.Ordinal));
            Assert.True(ActivityContext.TryParse(alert.TraceParent, null, out var parent), $"{hall}: the alert should carry a traceparent");
            Assert.Equal(traces[hall], parent.TraceId);
        }
    }

    /// <summary>The hall with a floor of one, known to booking and screening, with an item, a booking policy and an entrance policy without booking.</summary>
    private Task SetUpHallAsync(string hallId) => HallOfOne.SetUpAsync(fixture.System, hallId, "追踪厅", new { bookingRequired = false });

    /// <summary>MassTransit's consume span of <paramref name="messageType"/> in the trace, once it and the spans before it ended.</summary>
    /// <summary>A consume span of <paramref name="messageType"/> in the trace; of one receive endpoint's when several consume it.</summary>
    private static async Task<Activity> ConsumedInAsync(SpanRecorder spans, ActivityTraceId traceId, string messageType, string? endpoint = null)
    {
        try
        {
            var consumed = await Eventually.UntilAsync(
                () => Task.FromResult(spans.Of(traceId).FirstOrDefault(s => IsConsume(s, messageType)
                    && (endpoint is null || s.DisplayName.StartsWith(endpoint + " ", StringComparison.Ordinal)))),
                s => s is not null, because: $"the consumer of {messageType} should see the request's trace");
            return consumed!;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}{Environment.NewLine}Spans of the trace:{Environment.NewLine}{SpanRecorder.Describe(spans.Of(traceId))}", ex);
        }
    }

    /// <summary>The consume span descends from the relay's publish span, which descends from the service's handling of the request.</summary>
    private static void AssertContinuedFromOutbox(Activity consumed, IReadOnlyList<Activity> spans, string messageType, string method)
    {
        var chain = SpanRecorder.Ancestry(consumed, spans);
        var describe = $"{messageType}: consume span's ancestry{Environment.NewLine}{SpanRecorder.Describe(chain)}{Environment.NewLine}"
            + $"all spans of the trace{Environment.NewLine}{SpanRecorder.Describe(spans)}";
        var publish = chain.FindIndex(s => IsOutboxPublish(s, messageType));
        Assert.True(publish > 0, $"The outbox publish span should be an ancestor. {describe}");
        Assert.Equal(ActivityKind.Producer, chain[publish].Kind);
        Assert.True(
            chain.Skip(publish + 1).Any(s => s.Kind == ActivityKind.Server && s.DisplayName.StartsWith(method, StringComparison.Ordinal)),
            $"The request that wrote the row should be an ancestor of its publish. {describe}");
    }

    private static bool IsOutboxPublish(Activity span, string messageType) =>
        span.Source.Name == MessagingTelemetry.Name && span.DisplayName == MessagingTelemetry.PublishActivityName
        && span.TagObjects.Any(t => t.Key == "civichall.event_type" && t.Value is string type && type.EndsWith("." + messageType, StringComparison.Ordinal));

    private static bool IsConsume(Activity span, string messageType) =>
        span.Source.Name == "MassTransit" && span.Kind == ActivityKind.Consumer
        && span.TagObjects.Any(t => t.Value is string value && value.Contains(messageType, StringComparison.Ordinal));
}
