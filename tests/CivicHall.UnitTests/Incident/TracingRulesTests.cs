using CivicHall.Contracts.Tracing.V1;
using CivicHall.Incident.Tracing;

namespace CivicHall.UnitTests.Incident;

/// <summary>Contact tracing's rules: overlaps after the buffer, the union per person, ranking, staff apart, entrance, bookings never seen.</summary>
public sealed class TracingRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai

    private static DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);

    private static Presence Stay(string key, string kind, string zone, int from, int? to) => new(key, kind, zone, At(from), to is { } t ? At(t) : null);

    private static TracingInputs Inputs(int bufferMinutes = 15, IReadOnlyList<Presence>? others = null) => new()
    {
        CaseKey = "case",
        WindowTo = At(240),
        Buffer = TimeSpan.FromMinutes(bufferMinutes),
        EntranceWindow = TimeSpan.FromMinutes(10),
        CaseStays = [Stay("case", "visitor", "A", 0, 60), Stay("case", "visitor", "B", 60, 90)],
        Others = others ?? [],
    };

    [Fact]
    public void The_scenario_lists_close_and_same_hall_contacts_staff_entrance_and_a_booking_never_seen_in_rank_order()
    {
        var booking = new TracedBooking(Guid.CreateVersion7(), "p6", "regular", "confirmed", At(30), At(60), "310***********0006", "赵*");
        var inputs = Inputs(others:
        [
            Stay("p1", "visitor", "A", 20, 50), // inside the case's stay: 30 min
            Stay("p2", "visitor", "A", 60, 100), // touches the case's end: the buffer's 15 min
            Stay("p3", "visitor", "A", 76, 100), // 1 min past the buffer in A; in the hall while the case is in B: 24 min
            Stay("p4", "staff", "B", -60, 120), // staff in the case's zone B: listed apart
            Stay("p5", "courier", "C", 30, 40), // another zone: 10 min
        ]) with
        {
            CaseScreenings = [new LaneScreening("case", "visitor", "L1", At(-5))],
            OtherScreenings =
            [
                new LaneScreening("p1", "visitor", "L1", At(3)),
                new LaneScreening("p5", "courier", "L1", At(20)),
                new LaneScreening("p3", "visitor", "L2", At(-2)),
            ],
            Bookings = [booking, new TracedBooking(Guid.CreateVersion7(), "p1", "regular", "served", At(0), At(30), "x", "y")],
            Seen = new HashSet<string>(["p1"]),
            Identities = new Dictionary<string, MaskedIdentity> { ["p1"] = new("p1", "visitor", "310***********0001", "张*", null) },
        };

        var list = TracingRules.Build(inputs);

        Assert.Equal([("p1", 30.0), ("p2", 15.0)], list.CloseContacts.Select(c => (c.PersonKey, c.OverlapMinutes)));
        Assert.Equal([("p3", 24.0), ("p5", 10.0)], list.SameHallContacts.Select(c => (c.PersonKey, c.OverlapMinutes)));
        Assert.Equal("courier", list.SameHallContacts[1].Kind);
        Assert.Equal([("p4", 60.0)], list.Staff.Select(c => (c.PersonKey, c.OverlapMinutes)));
        Assert.Equal(["p1"], list.EntranceContacts.Select(c => c.PersonKey));
        Assert.Equal(8.0, list.EntranceContacts[0].Entrance!.MinutesApart);
        var booked = Assert.Single(list.BookedNotSeen);
        Assert.Equal(("p6", true, "赵*"), (booked.PersonKey, booked.Booking!.NeverSeen, booked.Identity!.NameMasked));
        Assert.Equal("张*", list.CloseContacts[0].Identity!.NameMasked);
        Assert.True(list.CloseContacts[1].IdentityUnknown);
        Assert.Null(list.CloseContacts[1].Identity);
        Assert.Equal(["p1", "p2", "p3", "p4", "p5", "p6"], list.PersonKeys());
    }

    [Fact]
    public void Touching_intervals_without_a_buffer_overlap_zero_and_make_no_contact()
    {
        var list = TracingRules.Build(Inputs(0, [Stay("before", "visitor", "A", -30, 0), Stay("after", "visitor", "B", 90, 120)]));

        Assert.Empty(list.CloseContacts);
        Assert.Empty(list.SameHallContacts);
    }

    [Fact]
    public void With_a_buffer_a_stay_just_inside_counts_its_minutes_and_one_just_outside_does_not()
    {
        var list = TracingRules.Build(Inputs(15, [Stay("inside", "visitor", "A", -20, -14), Stay("outside", "visitor", "A", -30, -15)]));

        var inside = Assert.Single(list.CloseContacts);
        Assert.Equal(("inside", 1.0), (inside.PersonKey, inside.OverlapMinutes));
        Assert.DoesNotContain(list.SameHallContacts, c => c.PersonKey == "outside");
    }

    [Fact]
    public void A_persons_overlaps_are_the_union_never_counted_twice_and_each_zone_gets_its_minutes()
    {
        // Two stays in A overlapping each other (a re-entry recorded twice), and one in B.
        var list = TracingRules.Build(Inputs(0, [Stay("p", "visitor", "A", 10, 40), Stay("p", "visitor", "A", 30, 50), Stay("p", "visitor", "B", 70, 80)]));

        var p = Assert.Single(list.CloseContacts);
        Assert.Equal(50.0, p.OverlapMinutes);
        Assert.Equal([("A", 40.0), ("B", 10.0)], p.Zones.Select(z => (z.ZoneId, z.Minutes)));
    }

    [Fact]
    public void Equal_overlaps_rank_by_person_key_and_more_overlap_ranks_first()
    {
        var list = TracingRules.Build(Inputs(0, [Stay("b", "visitor", "A", 0, 10), Stay("a", "visitor", "A", 10, 20), Stay("c", "agent", "A", 0, 30)]));

        Assert.Equal(["c", "a", "b"], list.CloseContacts.Select(c => c.PersonKey));
        Assert.Equal("agent", list.CloseContacts[0].Kind);
    }

    [Fact]
    public void The_case_person_is_never_on_their_own_list()
    {
        var inputs = Inputs(15, [Stay("case", "visitor", "A", 0, 60)]) with
        {
            CaseScreenings = [new LaneScreening("case", "visitor", "L1", At(0))],
            OtherScreenings = [new LaneScreening("case", "visitor", "L1", At(1))],
            Bookings = [new TracedBooking(Guid.CreateVersion7(), "case", "regular", "served", At(0), At(30), "x", "y")],
            Seen = new HashSet<string>(),
        };

        Assert.Empty(TracingRules.Build(inputs).PersonKeys());
    }

    [Fact]
    public void An_open_stay_ends_at_the_windows_end()
    {
        var inputs = Inputs(0, [Stay("p", "visitor", "B", 80, null)]) with { CaseStays = [Stay("case", "visitor", "B", 60, null)] };

        Assert.Equal(160.0, Assert.Single(TracingRules.Build(inputs).CloseContacts).OverlapMinutes);
    }

    [Fact]
    public void Staff_only_in_another_zone_are_same_hall_contacts_and_staff_in_the_case_zone_are_not_close_contacts()
    {
        var list = TracingRules.Build(Inputs(0, [Stay("s1", "staff", "C", 0, 30), Stay("s2", "staff", "A", 0, 30)]));

        Assert.Equal(["s1"], list.SameHallContacts.Select(c => c.PersonKey));
        Assert.Equal(["s2"], list.Staff.Select(c => c.PersonKey));
        Assert.Empty(list.CloseContacts);
    }

    [Fact]
    public void Entrance_contacts_are_in_the_same_lane_within_the_window_edges_included_nearest_kept()
    {
        var inputs = Inputs() with
        {
            CaseScreenings = [new LaneScreening("case", "visitor", "L1", At(0)), new LaneScreening("case", "visitor", "L1", At(60))],
            OtherScreenings =
            [
                new LaneScreening("edge", "visitor", "L1", At(10)),
                new LaneScreening("twice", "visitor", "L1", At(-9)),
                new LaneScreening("twice", "visitor", "L1", At(58)),
                new LaneScreening("late", "visitor", "L1", At(11)),
                new LaneScreening("lane", "visitor", "L2", At(0)),
                new LaneScreening("nolane", "visitor", null, At(0)),
            ],
        };

        var entrance = TracingRules.Build(inputs).EntranceContacts;

        Assert.Equal([("twice", 2.0), ("edge", 10.0)], entrance.Select(c => (c.PersonKey, c.Entrance!.MinutesApart)));
    }

    [Fact]
    public void Bookings_seen_cancelled_by_the_source_or_not_overlapping_are_left_out_and_unknown_seen_is_not_flagged_never_seen()
    {
        var overlapping = new TracedBooking(Guid.CreateVersion7(), "b1", "agent", "confirmed", At(80), At(110), "m", "n");
        var later = new TracedBooking(Guid.CreateVersion7(), "b2", "regular", "confirmed", At(106), At(130), "m", "n");
        var inputs = Inputs() with { Bookings = [overlapping, later] };

        Assert.Equal(["b1"], TracingRules.BookingCandidates(inputs).Select(b => b.PersonKey));
        var unknown = Assert.Single(TracingRules.Build(inputs with { Seen = null }).BookedNotSeen);
        Assert.Equal(("agent", false), (unknown.Kind, unknown.Booking!.NeverSeen));
        Assert.Empty(TracingRules.Build(inputs with { Seen = new HashSet<string>(["b1"]) }).BookedNotSeen);
    }

    [Fact]
    public void The_window_runs_from_days_before_the_visit_to_its_end_in_the_halls_time()
    {
        var opened = new DateTimeOffset(2026, 11, 30, 3, 30, 0, TimeSpan.Zero);
        var (from, to) = TracingRules.Window(opened, null, "Asia/Shanghai", 2);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.FromHours(8)), from);
        Assert.Equal(opened, to);

        var (noticeFrom, noticeTo) = TracingRules.Window(opened, [new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 24)], "Asia/Shanghai", 2);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.FromHours(8)), noticeFrom);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.FromHours(8)), noticeTo);
    }
}
