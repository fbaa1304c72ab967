using System.Text;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Gateway.Portal;

/// <summary>One registered portal client: <c>Portal:Clients:&lt;appKey&gt;</c>.</summary>
public sealed class PortalClientOptions
{
    public string? Name { get; set; }

    /// <summary>One secret, or two while a rotation overlaps (the new one added, the old one still valid); each at least 32 bytes.</summary>
    public IList<string> Secrets { get; } = [];

    /// <summary>The gateway's route ids (<c>ReverseProxy:Routes</c>) the client may call, e.g. <c>bookings</c>, <c>slots</c>.</summary>
    public IList<string> AllowedRoutes { get; } = [];
}

/// <summary>The <c>Portal</c> section: the registered clients and the signature's timing.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>The gateway's database, holding the nonces seen (shared by every replica).</summary>
    public const string ConnectionStringName = "gateway";

    /// <summary>
    /// The secret of the development client that appsettings.Development.json may register: public in this
    /// repository, refused outside Development like the development JWT key.
    /// </summary>
    public const string DevelopmentSecret = "civichall-development-portal-secret-not-for-production";

    /// <summary>The app key of the development client <c>Portal:DevelopmentClient=true</c> registers (Development only).</summary>
    public const string DevelopmentClientAppKey = "dev-portal";

    /// <summary>The routes the development client may call: what the portal does for a citizen.</summary>
    internal static readonly string[] DevelopmentClientRoutes = ["halls", "service-items", "slots", "bookings"];

    public Dictionary<string, PortalClientOptions> Clients { get; } = new(StringComparer.Ordinal);

    /// <summary>How far a request's timestamp may be from the gateway's clock, either way.</summary>
    public TimeSpan TimestampWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often nonces older than twice the window are deleted.</summary>
    public TimeSpan NonceSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The lifetime of the token the gateway mints for a verified request (at most 2 minutes).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Refuses a configuration the gateway must not start with; never echoes a secret. Returns nothing when
    /// it is acceptable.
    /// </summary>
    public void Validate(ICollection<string> knownRoutes, bool development, bool hasDatabase)
    {
        ArgumentNullException.ThrowIfNull(knownRoutes);
        if (TimestampWindow <= TimeSpan.Zero || TimestampWindow > TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException("Portal:TimestampWindow must be between 0 and 1 hour.");
        }

        if (TokenLifetime <= TimeSpan.Zero || TokenLifetime > TimeSpan.FromMinutes(2))
        {
            throw new InvalidOperationException("Portal:TokenLifetime must be more than 0 and at most 2 minutes.");
        }

        if (Clients.Count > 0 && !hasDatabase)
        {
            throw new InvalidOperationException(
                $"Portal clients are configured but ConnectionStrings:{ConnectionStringName} is not: the nonces need the gateway's database.");
        }

        foreach (var (appKey, client) in Clients)
        {
            if (!Identifier.IsValid(appKey))
            {
                throw new InvalidOperationException($"Portal client app key '{appKey}': {Identifier.Rule}");
            }

            if (client.Secrets.Count is < 1 or > 2)
            {
                throw new InvalidOperationException($"Portal:Clients:{appKey}:Secrets must hold one secret, or two during a rotation.");
            }

            foreach (var secret in client.Secrets)
            {
                if (Encoding.UTF8.GetByteCount(secret ?? string.Empty) < 32)
                {
                    throw new InvalidOperationException($"Portal:Clients:{appKey}:Secrets: each secret must be at least 32 bytes.");
                }

                if (secret == DevelopmentSecret && !development)
                {
                    throw new InvalidOperationException(
                        $"Portal:Clients:{appKey}: the development portal secret is refused outside the Development environment.");
                }
            }

            if (client.AllowedRoutes.Count == 0)
            {
                throw new InvalidOperationException($"Portal:Clients:{appKey}:AllowedRoutes must name at least one route.");
            }

            foreach (var route in client.AllowedRoutes)
            {
                if (!knownRoutes.Contains(route))
                {
                    throw new InvalidOperationException($"Portal:Clients:{appKey}:AllowedRoutes: '{route}' is not a route of ReverseProxy:Routes.");
                }
            }
        }
    }
}
