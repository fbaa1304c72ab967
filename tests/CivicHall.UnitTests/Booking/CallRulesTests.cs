using CivicHall.Booking.Calls;
using CivicHall.Booking.Policies;
using CivicHall.Contracts.Bookings.V1;

namespace CivicHall.UnitTests.Booking;

/// <summary>The pure rules of calling tickets: windows from the policy, who is called first, the list's cursor.</summary>
public sealed class CallRulesTests
{
    [Fact]
    public void A_policy_opens_windows_group_by_group_numbered_from_one()
    {
        var policy = new BookingPolicy { HallId = "qingpu", WindowGroups = [new WindowGroupPlan("social", 2, null), new WindowGroupPlan("tax", 1, 15), new WindowGroupPlan("idle", 0, null)] };

        Assert.Equal(["social-1", "social-2", "tax-1"], HallWindow.Of(policy).Select(w => w.WindowId));
        Assert.Equal("tax", HallWindow.Find(policy, "tax-1")?.WindowGroup);
        Assert.Null(HallWindow.Find(policy, "tax-2"));
        Assert.Null(HallWindow.Find(policy, "idle-1"));
        Assert.Empty(HallWindow.Of(null));
    }

    [Theory]
    [InlineData(BookingKinds.SpecialGroup, true)]
    [InlineData(BookingKinds.GreenChannel, true)]
    [InlineData(BookingKinds.Regular, false)]
    [InlineData(BookingKinds.Agent, false)]
    public void Special_groups_and_the_green_channel_are_called_first(string kind, bool first) => Assert.Equal(first, QueueTicket.IsPriority(kind));

    [Fact]
    public void A_call_cursor_reads_back_and_nothing_else_is_one()
    {
        var cursor = new CallCursor(12345);
        Assert.True(CallCursor.TryParse(cursor.Encode(), out var read));
        Assert.Equal(12345, read.CallId);
        foreach (var bad in new[] { "", "nonsense", "Y2FsbCAtMQ", "Y2FsbCAw", new string('A', 41), "12345" })
        {
            Assert.False(CallCursor.TryParse(bad, out _), bad);
        }
    }
}
