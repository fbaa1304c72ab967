namespace CivicHall.ServiceDefaults.Problems;

/// <summary>
/// A problem's <c>type</c>: the page of the API reference that says what its code means,
/// <c>/docs/problems/{code}</c> on the gateway. The reference is relative (RFC 9457 §3.1.1 lets it be),
/// so it resolves against the address the caller used — the gateway's, wherever it is deployed.
/// </summary>
public static class ProblemTypes
{
    public const string PathPrefix = "/docs/problems/";

    public static string Uri(string code) => PathPrefix + System.Uri.EscapeDataString(code);
}
