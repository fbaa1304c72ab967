namespace CivicHall.ServiceDefaults.Auth;

/// <summary>The roles of DESIGN §5, as they appear in the token's <c>role</c> claim.</summary>
public static class Roles
{
    public const string Citizen = "citizen";
    public const string Agent = "agent";
    public const string Screener = "screener";
    public const string WindowStaff = "window_staff";
    public const string SanitationStaff = "sanitation_staff";
    public const string DutyLeader = "duty_leader";
    public const string Ops = "ops";

    /// <summary>The 一网通办 portal, a registered server-to-server client.</summary>
    public const string Portal = "portal";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Citizen, Agent, Screener, WindowStaff, SanitationStaff, DutyLeader, Ops, Portal,
    };
}
