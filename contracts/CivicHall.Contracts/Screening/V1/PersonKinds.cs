namespace CivicHall.Contracts.Screening.V1;

/// <summary>
/// The kinds of person screening decides on, as its events carry them (<c>PersonKind</c>) and the services that read
/// those events (occupancy's door and its ledger) check them.
/// </summary>
public static class PersonKinds
{
    public const string Visitor = "visitor";
    public const string Staff = "staff";
    public const string Courier = "courier";
    public const string Agent = "agent";

    public static readonly IReadOnlyList<string> All = [Visitor, Staff, Courier, Agent];
}
