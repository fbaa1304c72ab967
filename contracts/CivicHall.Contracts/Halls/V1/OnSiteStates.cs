namespace CivicHall.Contracts.Halls.V1;

/// <summary>A hall's on-site service state (DESIGN §2).</summary>
public static class OnSiteStates
{
    public const string Open = "open";
    public const string Restricted = "restricted";
    public const string Suspended = "suspended";
}
