using System.Diagnostics;
using CivicHall.Booking.Bookings;
using CivicHall.Messaging;
using CivicHall.Occupancy.Live;
using CivicHall.Screening;
using CivicHall.Screening.Decisions;
using CivicHall.Screening.Screenings;
using CivicHall.ServiceDefaults.Telemetry;

namespace CivicHall.UnitTests.Telemetry;

/// <summary>The pure rules behind the metrics and spans: tags, what counts as a movement, which view of a hall wins, which command gets a span.</summary>
public sealed class TelemetryRulesTests
{
    private static OccupancyChange Change(string change, long sequence, int queue = 0, params (string Zone, int Count)[] zones) =>
        new("h", sequence, change, DateTimeOffset.UnixEpoch, 0, 10, queue, 0, 0, null, "open",
            [.. zones.Select(z => new ZoneChange(z.Zone, "service_floor", z.Count, 10, "open"))]);

    [Theory]
    [InlineData("admitted", "floor-1", FloorMovementKind.Admission)]
    [InlineData("queue_advanced", "floor-1", FloorMovementKind.Admission)]
    [InlineData("exited", "floor-1", FloorMovementKind.Exit)]
    public void Entering_the_floor_and_leaving_it_are_movements_of_their_zone(string change, string zone, FloorMovementKind kind) =>
        Assert.Equal(new FloorMovement(kind, zone), FloorGauges.MovementOf(Change(change, 1, 0, (zone, 1))));

    [Theory]
    [InlineData("exited")]            // staff leave from no zone: they were never admitted onto the floor
    [InlineData("staff_arrived")]
    [InlineData("queued")]
    [InlineData("moved")]
    [InlineData("left_queue")]
    [InlineData("zone_closed")]
    public void Other_changes_are_no_admission_or_exit(string change) =>
        Assert.Null(FloorGauges.MovementOf(Change(change, 1)));

    [Fact]
    public void A_hall_view_is_replaced_only_by_a_later_one_whichever_arrives_last()
    {
        using var gauges = new FloorGauges();
        gauges.Apply(Change("admitted", 5, 0, ("floor-1", 3)));
        gauges.ApplySnapshot("h", 4, 2, [KeyValuePair.Create("floor-1", new ZoneGauge(2, 10))]); // read before change 5 committed
        Assert.Equal((5L, 0, 3), (gauges.Of("h")!.Sequence, gauges.Of("h")!.QueueLength, gauges.Of("h")!.Zones["floor-1"].Count));

        gauges.Apply(Change("queued", 6, 1)); // touches no zone: the zones stay
        gauges.Apply(Change("admitted", 3, 0, ("floor-1", 1))); // older than what is shown: ignored
        Assert.Equal((6L, 1, 3), (gauges.Of("h")!.Sequence, gauges.Of("h")!.QueueLength, gauges.Of("h")!.Zones["floor-1"].Count));

        gauges.ApplySnapshot("h", 9, 0, [KeyValuePair.Create("floor-2", new ZoneGauge(4, 20))]); // the layout changed: floor-1 is gone
        Assert.Equal(["floor-2"], gauges.Of("h")!.Zones.Keys);
    }

    [Fact]
    public void A_decision_is_tagged_with_its_outcome_and_the_rule_of_its_decisive_finding()
    {
        var decision = new ScreeningDecision(
            Outcomes.Isolate,
            [new Finding(Outcomes.Deny, "mask.missing", "No mask."), new Finding(Outcomes.Isolate, "health_code.red", "Red."), new Finding(Outcomes.Isolate, "temperature.isolate", "Hot.")],
            []);
        var tags = ScreeningTelemetry.DecisionTags("h", "visitor", decision).ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(("isolate", "health_code.red", "h", "visitor"), (tags["outcome"], tags["rule"], tags["hall"], tags["person_kind"]));

        var admit = ScreeningTelemetry.DecisionTags("h", "visitor", new ScreeningDecision(Outcomes.Admit, [], [])).ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(ScreeningTelemetry.NoRule, admit["rule"]);
    }

    [Theory]
    [InlineData("slot_full", "qingpu", "app", "qingpu", "app")]
    [InlineData("item_unknown", "qingpu", "portal", "qingpu", "portal")]
    [InlineData("hall_unknown", "made-up", "app", null, "app")]             // a hall booking does not know is whatever the caller sent
    [InlineData("validation_failed", "../etc", "carrier-pigeon", null, null)] // neither the hall nor the channel was valid
    [InlineData("agent_not_registered", "qingpu", "portal", null, "portal")]  // refused before the hall was looked at
    public void A_refusal_is_tagged_with_its_code_and_only_a_hall_and_channel_that_exist(
        string code, string hallId, string channel, string? taggedHall, string? taggedChannel)
    {
        var tags = BookingTelemetry.RefusalTags(code, hallId, channel).ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(code, tags["code"]);
        Assert.Equal(taggedHall, tags.GetValueOrDefault("hall"));
        Assert.Equal(taggedChannel, tags.GetValueOrDefault("channel"));
    }

    [Fact]
    public void A_traceparent_is_written_from_a_span_context_and_none_from_no_trace()
    {
        var traceId = ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c");
        var spanId = ActivitySpanId.CreateFromString("b7ad6b7169203331");
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            MessagingTelemetry.TraceParent(new ActivityContext(traceId, spanId, ActivityTraceFlags.Recorded)));
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00",
            MessagingTelemetry.TraceParent(new ActivityContext(traceId, spanId, ActivityTraceFlags.None)));
        Assert.Null(MessagingTelemetry.TraceParent(default));
    }

    [Fact]
    public void A_database_command_gets_a_span_only_inside_a_trace()
    {
        Assert.False(DatabaseSpans.InTrace(null)); // a background loop's polling

        using var request = new Activity("request").Start();
        Assert.True(DatabaseSpans.InTrace(request));

        using var entityFramework = new ActivitySource(DatabaseSpans.EntityFrameworkSourceName);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source == entityFramework,
            Sample = (ref _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        using (var inRequest = entityFramework.StartActivity("command"))
        {
            Assert.True(DatabaseSpans.InTrace(inRequest)); // EF's own span, started under the request
        }

        request.Stop();
        Activity.Current = null;
        using var alone = entityFramework.StartActivity("command");
        Assert.False(DatabaseSpans.InTrace(alone)); // EF's own span with nothing above it
    }
}
