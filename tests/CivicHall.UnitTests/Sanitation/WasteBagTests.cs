using CivicHall.Messaging.Persistence;
using CivicHall.Sanitation.Waste;

namespace CivicHall.UnitTests.Sanitation;

/// <summary>The medical-waste bag's one order of steps, its replay rule and the list's cursor.</summary>
public sealed class WasteBagTests
{
    private static WasteBag Bag(WasteBagState state, string? sealFingerprint = null) => new()
    {
        HallId = "h",
        BagId = "b-1",
        ZoneId = "iso",
        State = state,
        BaggedBy = "san-1",
        Fingerprint = "f",
        SealFingerprint = sealFingerprint,
    };

    [Fact]
    public void Each_state_allows_only_the_step_that_follows_it()
    {
        var steps = Enum.GetValues<WasteStep>();
        Assert.Equal([WasteStep.Seal], steps.Where(Bag(WasteBagState.Bagged).Allows));
        Assert.Equal([WasteStep.Disinfect], steps.Where(Bag(WasteBagState.Sealed).Allows));
        Assert.Equal([WasteStep.Handover], steps.Where(Bag(WasteBagState.Disinfected).Allows));
        Assert.DoesNotContain(steps, Bag(WasteBagState.HandedOver).Allows);
    }

    [Fact]
    public void The_steps_lead_from_bagged_to_handed_over_in_one_order()
    {
        var state = WasteBagState.Bagged;
        var walked = new List<string> { EnumText.Of(state) };
        while (WasteSteps.Next(state) is { } step)
        {
            Assert.Equal(state, WasteSteps.From(step));
            state = WasteSteps.To(step);
            walked.Add(EnumText.Of(state));
        }

        Assert.Equal(["bagged", "sealed", "disinfected", "handed_over"], walked);
        Assert.Equal(["seal", "disinfected", "handover"], Enum.GetValues<WasteStep>().Select(WasteSteps.Name));
    }

    [Fact]
    public void Only_a_bag_open_until_handed_over_and_a_done_step_keeps_its_fingerprint()
    {
        Assert.True(Bag(WasteBagState.Disinfected).IsOpen);
        Assert.False(Bag(WasteBagState.HandedOver).IsOpen);
        Assert.Equal("s", Bag(WasteBagState.Sealed, "s").FingerprintOf(WasteStep.Seal));
        Assert.Null(Bag(WasteBagState.Sealed, "s").FingerprintOf(WasteStep.Disinfect));
    }

    [Theory]
    [InlineData("b")]
    [InlineData("iso-20261201-01")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void A_cursor_reads_back_as_it_was_written(string bagId)
    {
        var cursor = new WasteCursor(new DateTimeOffset(2026, 12, 1, 1, 2, 3, TimeSpan.Zero).AddTicks(4560), bagId);
        var text = cursor.Encode();
        Assert.True(text.Length <= WasteCursor.MaxLength);
        Assert.True(WasteCursor.TryParse(text, out var back));
        Assert.Equal(cursor, back);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAA")]
    [InlineData("not a cursor at all!!")]
    [InlineData("AAAAAAAAAAAALi4v")] // an id of NUL and "../"
    public void A_cursor_the_list_did_not_give_is_refused(string text) => Assert.False(WasteCursor.TryParse(text, out _));

    /// <summary>The board's and records' cursor, 32 characters long but not base64url: refused, not thrown (a 500).</summary>
    [Fact]
    public void A_board_cursor_of_the_right_length_outside_the_alphabet_is_refused() =>
        Assert.False(CivicHall.Sanitation.Tasks.BoardCursor.TryParse("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", out _));
}
