using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Http.Resilience;

namespace CivicHall.Gateway.Docs;

/// <summary>
/// The merged document (<see cref="OpenApiMerge"/>) of the services the gateway routes to, fetched from each
/// service's <c>/openapi/v1.json</c> through service discovery and kept for <see cref="FreshFor"/>; a
/// document missing a service (down, restarting) is kept only <see cref="IncompleteFor"/> and says which
/// service is missing. Concurrent readers share one fetch.
/// </summary>
public sealed partial class ApiDocument(IHttpClientFactory clients, IConfiguration configuration, TimeProvider timeProvider, ILogger<ApiDocument> logger)
    : IDisposable
{
    public const string ClientName = "openapi-documents";

    /// <summary>The services whose documents make the API: the proxy's clusters, in the order of its settings.</summary>
    public static IReadOnlyList<string> ServicesOf(IConfiguration configuration) =>
        [.. configuration.GetSection("ReverseProxy:Clusters").GetChildren().Select(cluster => cluster.Key)];

    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan IncompleteFor = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>The merged document, its JSON text and when it was made.</summary>
    public sealed record Snapshot(JsonObject Document, string Json, DateTimeOffset MadeAt, bool Complete);

    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<ApiDocument>();
        services.AddHttpClient(ClientName);
        // The standard handler ServiceDefaults adds to every client is named after it ("<client>-standard").
        services.Configure<HttpStandardResilienceOptions>(ClientName + "-standard", options =>
        {
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(10);
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(4);
            options.Retry.MaxRetryAttempts = 1;
            options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
        });
    }

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (Current() is { } current)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Current() is { } made)
            {
                return made;
            }

            _snapshot = await MakeAsync(cancellationToken);
            return _snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private Snapshot? Current()
    {
        var snapshot = _snapshot;
        return snapshot is not null && timeProvider.GetUtcNow() - snapshot.MadeAt < (snapshot.Complete ? FreshFor : IncompleteFor) ? snapshot : null;
    }

    private async Task<Snapshot> MakeAsync(CancellationToken cancellationToken)
    {
        var services = ServicesOf(configuration);
        var fetched = await Task.WhenAll(services.Select(service => FetchAsync(service, cancellationToken)));
        var documents = fetched.OfType<ServiceDocument>().ToList();
        var missing = services.Where(s => documents.All(d => d.Service != s)).ToList();
        var merged = OpenApiMerge.Merge(documents, missing);
        return new Snapshot(merged, merged.ToJsonString(), timeProvider.GetUtcNow(), missing.Count == 0);
    }

    private async Task<ServiceDocument?> FetchAsync(string service, CancellationToken cancellationToken)
    {
        try
        {
            using var client = clients.CreateClient(ClientName);
            using var response = await client.GetAsync(new Uri($"http://{service}/openapi/v1.json"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogUnavailable(logger, service, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return null;
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonNode.ParseAsync(body, cancellationToken: cancellationToken) is JsonObject document
                ? new ServiceDocument(service, document)
                : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException
            or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            LogUnavailable(logger, service, ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The OpenAPI document of {Service} could not be read ({Reason}); the merged document goes without it")]
    private static partial void LogUnavailable(ILogger logger, string service, string reason);
}
