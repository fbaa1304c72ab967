using CivicHall.Screening.Policies;

namespace CivicHall.UnitTests.Screening;

public sealed class ScreeningPolicyValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));

    private static PutScreeningPolicyRequest Request(IReadOnlyList<PersonKindRulesRequest?>? kinds) =>
        new(null, kinds, null, null, null, null, null, null, null, null, null, null, null, null);

    [Fact]
    public void Defaults_are_valid() => Assert.Empty(ScreeningPolicyValidation.Validate(Request(null), Now));

    [Fact]
    public void A_null_kind_is_named_by_its_index_not_a_crash()
    {
        Assert.Equal(["kinds[0]"], ScreeningPolicyValidation.Validate(Request([null]), Now).Keys);
        Assert.Equal(["kinds[1]"], ScreeningPolicyValidation.Validate(Request([new("visitor", 48, null, null), null]), Now).Keys);
    }

    [Fact]
    public void The_booster_is_required_of_staff_only_and_counts_one_to_ten_doses()
    {
        Assert.Empty(ScreeningPolicyValidation.Validate(Request([new("staff", 24, null, null, BoosterRequired: true, BoosterDoses: 3)]), Now));
        Assert.Equal(["kinds[0].boosterRequired"], ScreeningPolicyValidation.Validate(Request([new("visitor", 48, null, null, BoosterRequired: true)]), Now).Keys);
        Assert.Equal(["kinds[0].boosterDoses"], ScreeningPolicyValidation.Validate(Request([new("staff", 24, null, null, BoosterRequired: true, BoosterDoses: 0)]), Now).Keys);
        Assert.Equal(["kinds[0].boosterDoses"], ScreeningPolicyValidation.Validate(Request([new("staff", 24, null, null, BoosterDoses: 11)]), Now).Keys);
    }

    [Fact]
    public void The_default_policy_requires_no_booster() =>
        Assert.All(ScreeningPolicyDefaults.Kinds, k => Assert.False(k.BoosterRequired));

    [Fact]
    public void A_kind_named_twice_is_refused() =>
        Assert.Equal(["kinds"], ScreeningPolicyValidation.Validate(Request([new("staff", 24, null, null), new("staff", 48, null, null)]), Now).Keys);
}
