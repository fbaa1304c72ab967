using System.Security.Cryptography;
using CivicHall.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CivicHall.IntegrationTests.Gateway;

/// <summary>
/// The gateway in front of one stand-in for all five services (no database, no broker), for tests of
/// what the gateway itself does — rate limits, CORS, a browser's view, forwarding. The stand-in answers
/// every request 200 with <c>{"answeredBy":"stand-in","path":…}</c> and, for a request with a body, what
/// arrived of it (<see cref="ReceivedBody"/>); a request whose path ends in <c>/held</c> it holds unanswered
/// until the gateway gives it up (<see cref="HeldRequestArrived"/>).
/// </summary>
public sealed class StandInGateway : IAsyncDisposable
{
    private readonly WebApplication _standIn;
    private readonly ServiceHost<GatewayEntryPoint> _gateway;
    private readonly TaskCompletionSource _held;

    private StandInGateway(WebApplication standIn, ServiceHost<GatewayEntryPoint> gateway, TaskCompletionSource held)
    {
        _standIn = standIn;
        _gateway = gateway;
        _held = held;
    }

    /// <summary>Completes when the stand-in holds a request to a path ending in <c>/held</c>.</summary>
    public Task HeldRequestArrived => _held.Task;

    /// <summary>The gateway's address (http://localhost:port/).</summary>
    public Uri Address => ((IServiceHost)_gateway).Address!;

    /// <param name="logs">Where the gateway's log lines go as well, when given.</param>
    public static async Task<StandInGateway> StartAsync(IReadOnlyDictionary<string, string?> settings, CapturedLogs? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var standIn = builder.Build();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        standIn.Run(context => context.Request.Path.Value?.EndsWith("/held", StringComparison.Ordinal) == true
            ? HoldAsync(context, held)
            : AnswerAsync(context));
        await standIn.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var all = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Logging:LogLevel:Default"] = "Warning" };
            foreach (var service in new[] { "booking", "screening", "occupancy", "sanitation", "incident" })
            {
                all[$"services:{service}:http:0"] = standIn.Urls.Single();
            }

            foreach (var (key, value) in settings)
            {
                all[key] = value;
            }

            Action<IServiceCollection>? configureServices = logs is null ? null : services => services.AddSingleton<ILoggerProvider>(logs);
            return new StandInGateway(standIn, new ServiceHost<GatewayEntryPoint>("gateway", all, listenOnKestrel: true, configureServices: configureServices), held);
        }
        catch
        {
            await standIn.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// What the stand-in received of a body: its length, its SHA-256 (hex) and how many of its bytes it
    /// already held when the request reached it (all of them when the head and the body came in one write).
    /// </summary>
    public sealed record ReceivedBody(long Bytes, string Sha256, long HeldAtStart);

    private static async Task HoldAsync(HttpContext context, TaskCompletionSource held)
    {
        held.TrySetResult();
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The gateway gave the request up.
        }
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        ReceivedBody? body = null;
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var reader = context.Request.BodyReader;
            long heldAtStart = 0;
            if (reader.TryRead(out var first))
            {
                heldAtStart = first.Buffer.Length;
                reader.AdvanceTo(first.Buffer.Start);
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long bytes = 0;
            while (true)
            {
                var read = await reader.ReadAsync(context.RequestAborted);
                foreach (var segment in read.Buffer)
                {
                    hash.AppendData(segment.Span);
                }

                bytes += read.Buffer.Length;
                reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }

            body = new ReceivedBody(bytes, Convert.ToHexStringLower(hash.GetHashAndReset()), heldAtStart);
        }

        await context.Response.WriteAsJsonAsync(new { answeredBy = "stand-in", path = context.Request.Path.Value, body }, context.RequestAborted);
    }

    /// <summary>A client of the gateway, with a development token of the subject when one is given.</summary>
    public HttpClient Client(string? subject = null, string role = Roles.Citizen)
    {
        var client = ((IServiceHost)_gateway).CreateClient();
        if (subject is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create([role], subject, TimeProvider.System));
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _standIn.StopAsync();
        await _standIn.DisposeAsync();
    }
}
