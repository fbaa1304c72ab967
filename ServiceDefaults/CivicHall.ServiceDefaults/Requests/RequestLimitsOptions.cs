namespace CivicHall.ServiceDefaults.Requests;

/// <summary>Limits every CivicHall process applies to a request (configuration section <c>Requests</c>).</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Requests";

    /// <summary>The largest request body accepted, in bytes (1 MiB): larger ones are answered 413 unread.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}
