using System.Net.Http.Headers;
using System.Net.Http.Json;
using CivicHall.Contracts.Tracing.V1;
using Microsoft.Extensions.Http.Resilience;

namespace CivicHall.Incident.Tracing;

/// <summary>
/// The services incident asks at tracing time (README "Contact tracing"): occupancy, screening and booking, found
/// through service discovery (<c>http://occupancy</c>…), each call through the resilience handler ServiceDefaults adds
/// to every client, tuned short (tracing answers in seconds), with the caller's own bearer token forwarded so the
/// owner checks the role itself. A source that fails or times out answers null: the caller marks the list partial.
/// </summary>
public sealed partial class TracingSources(IHttpClientFactory clients, ILogger<TracingSources> logger)
{
    public const string Occupancy = "occupancy";
    public const string Screening = "screening";
    public const string Booking = "booking";

    public Task<PresenceAnswer?> PresencesAsync(string hallId, PresenceQuery query, CancellationToken cancellationToken) =>
        AskAsync<PresenceQuery, PresenceAnswer>(Occupancy, hallId, "presences", query, cancellationToken);

    public Task<SeenAnswer?> SeenAsync(string hallId, SeenQuery query, CancellationToken cancellationToken) =>
        AskAsync<SeenQuery, SeenAnswer>(Occupancy, hallId, "seen", query, cancellationToken);

    public Task<LaneAnswer?> ScreeningsAsync(string hallId, LaneQuery query, CancellationToken cancellationToken) =>
        AskAsync<LaneQuery, LaneAnswer>(Screening, hallId, "screenings", query, cancellationToken);

    public Task<BookingAnswer?> BookingsAsync(string hallId, BookingQuery query, CancellationToken cancellationToken) =>
        AskAsync<BookingQuery, BookingAnswer>(Booking, hallId, "bookings", query, cancellationToken);

    public Task<IdentityAnswer?> IdentitiesAsync(string source, string hallId, IdentityQuery query, CancellationToken cancellationToken) =>
        AskAsync<IdentityQuery, IdentityAnswer>(source, hallId, "identities", query, cancellationToken);

    private async Task<TAnswer?> AskAsync<TQuery, TAnswer>(string source, string hallId, string what, TQuery query, CancellationToken cancellationToken)
        where TAnswer : class
    {
        try
        {
            using var response = await clients.CreateClient(ClientName(source))
                .PostAsJsonAsync(new Uri($"/internal/v1/halls/{Uri.EscapeDataString(hallId)}/tracing/{what}", UriKind.Relative), query, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(source, what, (int)response.StatusCode);
                return null;
            }

            return await response.Content.ReadFromJsonAsync<TAnswer>(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or Polly.CircuitBreaker.BrokenCircuitException
                                       or Polly.Timeout.TimeoutRejectedException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(source, what, ex.GetType().Name);
            return null;
        }
    }

    public static string ClientName(string source) => "tracing-" + source;

    /// <summary>The three clients, their short resilience settings, and the forwarding of the caller's token.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddTransient<ForwardedBearerHandler>();
        services.AddSingleton<TracingSources>();
        foreach (var source in new[] { Occupancy, Screening, Booking })
        {
            var name = ClientName(source);
            services.AddHttpClient(name, client => client.BaseAddress = new Uri($"http://{source}"))
                .AddHttpMessageHandler<ForwardedBearerHandler>();
            // The standard handler ServiceDefaults adds to every client is named after it ("<client>-standard").
            services.Configure<HttpStandardResilienceOptions>(name + "-standard", options =>
            {
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(8);
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(3);
                options.Retry.MaxRetryAttempts = 1;
                options.Retry.Delay = TimeSpan.FromMilliseconds(200);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tracing source {Source} refused {What}: {Status}")]
    private partial void LogRefused(string source, string what, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tracing source {Source} unavailable for {What}: {Error}")]
    private partial void LogUnavailable(string source, string what, string error);
}

/// <summary>Copies the caller's <c>Authorization</c> header onto the call to the source, so the owner checks the caller's own role.</summary>
public sealed class ForwardedBearerHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (accessor.HttpContext?.Request.Headers.Authorization.ToString() is { Length: > 0 } header
            && AuthenticationHeaderValue.TryParse(header, out var value))
        {
            request.Headers.Authorization = value;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
