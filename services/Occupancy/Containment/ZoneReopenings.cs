namespace CivicHall.Occupancy.Containment;

/// <summary>How a closed zone came to reopen (<c>ZoneReopened.ReopenedBy</c>).</summary>
public static class ZoneReopenings
{
    public const string Sanitized = "sanitized";
    public const string Override = "override";
}
