namespace CivicHall.Gateway.Portal;

/// <summary>The headers of a signed portal request (README "Portal signing").</summary>
public static class PortalHeaders
{
    public const string AppKey = "X-CivicHall-AppKey";
    public const string Timestamp = "X-CivicHall-Timestamp";
    public const string Nonce = "X-CivicHall-Nonce";
    public const string Citizen = "X-CivicHall-Citizen";
    public const string Signature = "X-CivicHall-Signature";

    /// <summary>All five, in the order a missing one is named.</summary>
    public static readonly string[] All = [AppKey, Timestamp, Nonce, Citizen, Signature];
}
