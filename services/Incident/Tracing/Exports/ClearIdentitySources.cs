using System.Net.Http.Headers;
using System.Net.Http.Json;
using CivicHall.Contracts.Tracing.V1;

namespace CivicHall.Incident.Tracing.Exports;

/// <summary>A source that did not answer a clear identity query (named in the 503 <c>source_unavailable</c>).</summary>
public sealed class SourceUnavailableException(string source, Exception? inner = null)
    : Exception($"The {source} service did not answer the clear identity query.", inner)
{
    public string SourceService { get; } = source;
}

/// <summary>
/// Asks the owners of the encrypted copies for the people of an export in clear (<c>POST
/// /internal/v1/halls/{hallId}/tracing/identities/clear</c>, reached through service discovery with the caller's own
/// bearer token, so that each owner checks the role and records who read): screening for everyone it screened,
/// booking for the rest.
/// </summary>
public sealed class ClearIdentitySources(IHttpClientFactory httpClients)
{
    public const string Screening = TracingSources.Screening;
    public const string Booking = TracingSources.Booking;

    public async Task<IReadOnlyList<ClearIdentity>> AskAsync(
        string source, string hallId, ClearIdentityQuery query, AuthenticationHeaderValue? caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PersonKeys.Count == 0)
        {
            return [];
        }

        var client = httpClients.CreateClient(TracingSources.ClientName(source)); // tracing's clients: service discovery, short resilience, the caller's token
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/internal/v1/halls/{Uri.EscapeDataString(hallId)}/tracing/identities/clear")
        {
            Content = JsonContent.Create(query),
        };
        request.Headers.Authorization = caller;
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return []; // the owner does not know the hall: it holds no one of it
            }

            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<ClearIdentityAnswer>(cancellationToken);
            return answer?.People ?? [];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException or Polly.CircuitBreaker.BrokenCircuitException
                                  or Polly.Timeout.TimeoutRejectedException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            throw new SourceUnavailableException(source, e);
        }
    }
}
