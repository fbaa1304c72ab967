namespace CivicHall.Screening.Policies;

/// <summary>What one kind of person must show at the entrance.</summary>
/// <param name="Kind">visitor, staff, courier or agent (<see cref="CivicHall.Contracts.Screening.V1.PersonKinds"/>).</param>
/// <param name="TestValidityHours">A negative nucleic-acid test at most this old; null when none is asked.</param>
/// <param name="AntigenValidityHours">A negative antigen test at most this old; null when none is asked.</param>
/// <param name="AntigenOnTheSpot">
/// A failed code or test check is answered with an antigen test at the door (couriers), whose negative
/// result then stands in for the nucleic-acid test.
/// </param>
/// <param name="BoosterRequired">
/// Staff need the booster: at least <paramref name="BoosterDoses"/> doses on their health file, unless a
/// duty leader recorded an exemption there (Qingpu). Only staff have a file, so only their rules set it.
/// </param>
/// <param name="BoosterDoses">The doses that count as boosted (3: two and the booster).</param>
public sealed record PersonKindRules(
    string Kind, int? TestValidityHours, int? AntigenValidityHours, bool AntigenOnTheSpot, bool BoosterRequired = false, int BoosterDoses = PersonKindRules.DefaultBoosterDoses)
{
    public const int DefaultBoosterDoses = 3;
}

