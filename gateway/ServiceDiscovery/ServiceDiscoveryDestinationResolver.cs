using System.Globalization;
using System.Net;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace CivicHall.Gateway.ServiceDiscovery;

/// <summary>
/// Resolves cluster destinations such as <c>http://booking</c> through
/// Microsoft.Extensions.ServiceDiscovery (<c>services__booking__http__0</c> from Aspire or the local
/// launcher, or DNS), and re-resolves when discovery signals a change. Stands in for the
/// Microsoft.Extensions.ServiceDiscovery.Yarp package, which this project's package feed lacks.
/// </summary>
public sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver resolver) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        var resolved = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        var changeTokens = new List<IChangeToken>();

        foreach (var (name, destination) in destinations)
        {
            var address = new Uri(destination.Address);
            var source = await resolver.GetEndpointsAsync(address.GetLeftPart(UriPartial.Authority), cancellationToken).ConfigureAwait(false);
            changeTokens.Add(source.ChangeToken);

            var index = 0;
            foreach (var endpoint in source.Endpoints)
            {
                var resolvedAddress = Rebase(address, endpoint.EndPoint);
                var key = source.Endpoints.Count == 1 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}[{index++}]");
                resolved[key] = destination with
                {
                    Address = resolvedAddress,
                    // Keep the logical name for the Host header only when the destination asked for it.
                    Host = destination.Host,
                };
            }
        }

        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changeTokens));
    }

    /// <summary>The resolved endpoint with the configured address's path (e.g. <c>http://localhost:5101/</c>).</summary>
    private static string Rebase(Uri configured, EndPoint endPoint)
    {
        var (scheme, authority) = endPoint switch
        {
            UriEndPoint uri => (uri.Uri.Scheme, uri.Uri.Authority),
            DnsEndPoint dns => (configured.Scheme, $"{dns.Host}:{dns.Port}"),
            IPEndPoint ip => (configured.Scheme, ip.ToString()),
            _ => (configured.Scheme, endPoint.ToString() ?? configured.Authority),
        };
        return $"{scheme}://{authority}{configured.AbsolutePath}";
    }
}
