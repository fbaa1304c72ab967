using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CivicHall.IntegrationTests.Browser;

/// <summary>
/// Tiny pages served from two origins — <see cref="ConfiguredOrigin"/> (<c>http://127.0.0.1:port</c>, to put
/// in the gateway's <c>Cors:Origins</c>) and <see cref="OtherOrigin"/> (<c>http://localhost:port</c>, the same
/// server under another origin) — each running one <c>fetch</c> and writing what came of it into the DOM, read
/// back through <see cref="HeadlessChromium"/>. <see cref="FetchAsync"/> is the whole check: which origin, which
/// URL, with a token or anonymously (the public live view).
/// </summary>
public sealed class BrowserPages : IAsyncDisposable
{
    private const string Page = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>fetch</title></head>
        <body><pre id="outcome">pending</pre>
        <script>
        const target = __TARGET__;
        const token = __TOKEN__;
        const outcome = document.getElementById('outcome');
        fetch(target, { headers: token ? { 'Authorization': 'Bearer ' + token } : {} })
          .then(response => response.text().then(body => { outcome.textContent = 'status ' + response.status + ' ' + body; }))
          .catch(error => { outcome.textContent = 'blocked ' + error; });
        </script></body></html>
        """;

    private readonly WebApplication _app;

    private BrowserPages(WebApplication app, int port)
    {
        _app = app;
        ConfiguredOrigin = $"http://127.0.0.1:{port}";
        OtherOrigin = $"http://localhost:{port}";
    }

    public string ConfiguredOrigin { get; }

    public string OtherOrigin { get; }

    public static async Task<BrowserPages> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/fetch", (string target, string? token) => Results.Content(
            Page.Replace("__TARGET__", JsonSerializer.Serialize(target), StringComparison.Ordinal)
                .Replace("__TOKEN__", JsonSerializer.Serialize(token), StringComparison.Ordinal),
            "text/html; charset=utf-8"));
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new BrowserPages(app, new Uri(app.Urls.Single()).Port);
    }

    /// <summary>
    /// What a page on <paramref name="origin"/> gets from <c>fetch(target)</c>: <c>status NNN body</c> when the
    /// browser let the page read the answer, <c>blocked …</c> when it did not (CORS).
    /// </summary>
    public async Task<string> FetchAsync(string origin, Uri target, string? bearerToken = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (origin != ConfiguredOrigin && origin != OtherOrigin)
        {
            throw new ArgumentOutOfRangeException(nameof(origin), origin, "The pages are served from ConfiguredOrigin and OtherOrigin only.");
        }

        var page = new Uri($"{origin}/fetch?target={Uri.EscapeDataString(target.ToString())}"
            + (bearerToken is null ? string.Empty : $"&token={Uri.EscapeDataString(bearerToken)}"));
        return HeadlessChromium.Outcome(await HeadlessChromium.DumpDomAsync(page));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
