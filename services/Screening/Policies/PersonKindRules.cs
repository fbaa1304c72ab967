namespace CivicHall.Screening.Policies;

/// <summary>What one kind of person must show at the entrance.</summary>
/// <param name="Kind">visitor, staff, courier or agent (<see cref="PersonKinds"/>).</param>
/// <param name="TestValidityHours">A negative nucleic-acid test at most this old; null when none is asked.</param>
/// <param name="AntigenValidityHours">A negative antigen test at most this old; null when none is asked.</param>
/// <param name="AntigenOnTheSpot">
/// A failed code or test check is answered with an antigen test at the door (couriers), whose negative
/// result then stands in for the nucleic-acid test.
/// </param>
public sealed record PersonKindRules(string Kind, int? TestValidityHours, int? AntigenValidityHours, bool AntigenOnTheSpot);

public static class PersonKinds
{
    public const string Visitor = "visitor";
    public const string Staff = "staff";
    public const string Courier = "courier";
    public const string Agent = "agent";

    public static readonly IReadOnlyList<string> All = [Visitor, Staff, Courier, Agent];
}
