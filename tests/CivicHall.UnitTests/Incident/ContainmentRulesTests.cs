using CivicHall.Incident.Containment;

namespace CivicHall.UnitTests.Incident;

/// <summary>Containment's pure rules: who acknowledges what, the list's cursor, the shape of the requests.</summary>
public sealed class ContainmentRulesTests
{
    [Fact]
    public void A_zone_closure_expects_occupancy_sanitation_and_booking_and_a_suspension_or_resumption_occupancy_and_booking()
    {
        Assert.Equal(["occupancy", "sanitation", "booking"], ContainmentParticipants.Of(ContainmentKind.ZoneClosure));
        Assert.Equal(["occupancy", "booking"], ContainmentParticipants.Of(ContainmentKind.Suspension));
        Assert.Equal(["occupancy", "booking"], ContainmentParticipants.Of(ContainmentKind.Resumption));
    }

    [Fact]
    public void The_cursor_round_trips_and_refuses_what_the_list_did_not_give()
    {
        var cursor = new ContainmentCursor(new DateTimeOffset(2026, 12, 1, 1, 2, 3, TimeSpan.Zero), Guid.CreateVersion7());
        var text = cursor.Encode();
        Assert.Equal(ContainmentCursor.Length, text.Length);
        Assert.True(ContainmentCursor.TryParse(text, out var parsed));
        Assert.Equal(cursor, parsed);
        Assert.False(ContainmentCursor.TryParse(new string('!', ContainmentCursor.Length), out _));
        Assert.False(ContainmentCursor.TryParse(text[..^1], out _));
        Assert.False(ContainmentCursor.TryParse(null, out _));
    }

    [Fact]
    public void Requests_name_each_missing_or_bad_field()
    {
        Assert.Equal(["containmentId", "incidentId", "reason", "zoneId"],
            ContainmentValidation.Validate(new ZoneClosureRequest(Guid.Empty, "../x", Guid.Empty, " ")).Keys.Order(StringComparer.Ordinal));
        Assert.Empty(ContainmentValidation.Validate(new ZoneClosureRequest(Guid.NewGuid(), "floor-1", null, "确诊病例到访")));
        Assert.Equal(["override.reason", "suspensionId"],
            ContainmentValidation.Validate(new ResumptionRequest(Guid.NewGuid(), null, "恢复", new ContainmentOverrideRequest(null))).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["governmentConsentRef", "notes"],
            ContainmentValidation.Validate(new ContainmentApprovalRequest("", new string('x', ContainmentValidation.MaxText + 1))).Keys.Order(StringComparer.Ordinal));
        Assert.Equal([""], ContainmentValidation.Validate((SuspensionRequest?)null).Keys);
    }

    [Fact]
    public void A_fingerprint_differs_by_hall_kind_and_body()
    {
        var one = ContainmentValidation.Fingerprint("qingpu", ContainmentKind.ZoneClosure, "floor-1", null, "确诊病例到访");
        Assert.Equal(one, ContainmentValidation.Fingerprint("qingpu", ContainmentKind.ZoneClosure, "floor-1", null, "确诊病例到访"));
        Assert.NotEqual(one, ContainmentValidation.Fingerprint("jiading", ContainmentKind.ZoneClosure, "floor-1", null, "确诊病例到访"));
        Assert.NotEqual(one, ContainmentValidation.Fingerprint("qingpu", ContainmentKind.Suspension, "floor-1", null, "确诊病例到访"));
        Assert.NotEqual(one, ContainmentValidation.Fingerprint("qingpu", ContainmentKind.ZoneClosure, "floor-2", null, "确诊病例到访"));
    }
}
