using System.Diagnostics;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.OpenApi;
using CivicHall.ServiceDefaults.Problems;
using CivicHall.ServiceDefaults.Requests;
using CivicHall.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Instrumentation.EntityFrameworkCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CivicHall.ServiceDefaults;

/// <summary>
/// The defaults every CivicHall process applies (after the Aspire service-defaults template):
/// OpenTelemetry, health checks, service discovery, resilient HttpClients, RFC 7807 problems and
/// JWT authentication with the DESIGN §5 roles.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddCivicHallProblemDetails();
        builder.Services.AddExceptionHandler<DependencyUnavailableExceptionHandler>();
        builder.Services.AddBadRequestHandling();
        builder.AddRequestGuards();
        builder.AddStrictJsonNumbers();
        builder.AddCivicHallAuthentication();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Every console line starts with its UTC time; problem answers log their traceId (ProblemDetailsSetup).
        builder.Logging.AddSimpleConsole(console =>
        {
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
            console.SingleLine = true;
        });
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", "Npgsql", "CivicHall.Messaging", "CivicHall.*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("MassTransit", "CivicHall.Messaging", "CivicHall.*")
                .AddAspNetCoreInstrumentation(aspnet =>
                    // Probes would drown real traffic in the traces.
                    aspnet.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath, StringComparison.OrdinalIgnoreCase)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath, StringComparison.OrdinalIgnoreCase))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                // EF Core's span (the query or SaveChanges batch as EF runs it) wraps Npgsql's span of the
                // same command; raw Npgsql work (the door functions, booking_confirm) has Npgsql's only.
                .AddEntityFrameworkCoreInstrumentation(ConfigureEntityFrameworkSpans));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// EF Core spans only inside a trace (a request, a consumed message, an outbox publish): the
    /// services' background loops query every second or so (the relay's claim in every process, the
    /// floor activator, the sweepers), and each of those queries would otherwise be a trace of its own
    /// that buries the traffic in the dashboard. Npgsql's spans are filtered the same way where the
    /// data source is built (<c>DatabaseExtensions.AddServiceDatabase</c>). Parameter values are never
    /// recorded (the default): they hold person keys and encrypted personal data.
    /// </summary>
    private static void ConfigureEntityFrameworkSpans(EntityFrameworkInstrumentationOptions options) =>
        options.Filter = (_, _) => DatabaseSpans.InTrace(Activity.Current);

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Error handling first in the pipeline, then <c>/health</c> (every check: the service's database
    /// and broker and MassTransit's bus, which CivicHall.Messaging registers; the gateway has none of
    /// them, so its <c>/health</c> is the process alone) and <c>/alive</c> (only the process answers,
    /// whatever is away), in every environment. Unhealthy is 503. Both answer only the status word
    /// (Healthy/Degraded/Unhealthy) to anonymous callers; which check failed and why is logged
    /// (Microsoft.Extensions.Diagnostics.HealthChecks logs an Unhealthy check as an error, with its exception).
    /// The gateway puts its own steps around authentication: CORS and the portal's signature before it,
    /// the rate limiter (which partitions by the validated caller) between it and authorisation.
    /// </summary>
    public static WebApplication UseServiceDefaults(
        this WebApplication app, Action? beforeAuthentication = null, Action? beforeAuthorization = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        beforeAuthentication?.Invoke();
        app.UseAuthentication();
        beforeAuthorization?.Invoke();
        app.UseAuthorization();
        app.UseRequestGuards();

        app.MapHealthChecks(HealthEndpointPath).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
        }).AllowAnonymous();
        return app;
    }
}
