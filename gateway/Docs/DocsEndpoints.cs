using System.Text.RegularExpressions;
using CivicHall.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Scalar.AspNetCore;

namespace CivicHall.Gateway.Docs;

/// <summary>
/// The API reference the gateway serves, anonymously: the merged document <c>/openapi/civichall.json</c>,
/// the page of each problem code (<c>/docs/problems/{code}</c>, where every problem's <c>type</c> points) and
/// their index, and the browsable reference (Scalar) at <c>/docs</c> — in Development, and elsewhere when
/// <c>Docs:Reference</c> is true. The documents say what integrators can call; none of it is secret.
/// </summary>
public static partial class DocsEndpoints
{
    public const string DocumentPath = "/openapi/civichall.json";
    public const string ReferenceKey = "Docs:Reference";

    public static void MapApiReference(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(DocumentPath, GetDocument).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(ProblemTypes.PathPrefix.TrimEnd('/'), GetIndex).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(ProblemTypes.PathPrefix + "{code}", GetPage).AllowAnonymous().ExcludeFromDescription();

        if (app.Configuration.GetValue(ReferenceKey, app.Environment.IsDevelopment()))
        {
            // The merged document first, then each service's own (a dropdown); fonts and telemetry off, so
            // the page needs nothing beyond the gateway (its script is served from the package).
            app.MapScalarApiReference("/docs", options =>
                {
                    options.WithTitle("CivicHall API")
                        .AddDocument("civichall", "CivicHall API", DocumentPath, isDefault: true)
                        .AddPreferredSecuritySchemes("bearer")
                        .DisableTelemetry()
                        .DisableDefaultFonts();
                    foreach (var service in ApiDocument.ServicesOf(app.Configuration))
                    {
                        options.AddDocument(service, service, $"/openapi/{service}.json");
                    }
                })
                .AllowAnonymous();
        }
    }

    private static async Task<IResult> GetDocument(HttpContext context, ApiDocument document, CancellationToken cancellationToken)
    {
        var snapshot = await document.GetAsync(cancellationToken);
        context.Response.Headers.CacheControl = snapshot.Complete ? "public, max-age=60" : "no-cache";
        return TypedResults.Text(snapshot.Json, "application/json", System.Text.Encoding.UTF8);
    }

    private static async Task<ContentHttpResult> GetIndex(ApiDocument document, CancellationToken cancellationToken)
    {
        var snapshot = await document.GetAsync(cancellationToken);
        return TypedResults.Content(ProblemPages.IndexHtml(ProblemPages.Read(snapshot.Document).Values), "text/html", System.Text.Encoding.UTF8);
    }

    /// <summary>The page of one code: HTML for a browser, JSON when the caller asks for it (<c>Accept: application/json</c>).</summary>
    private static async Task<IResult> GetPage(string code, HttpContext context, ApiDocument document, CancellationToken cancellationToken)
    {
        if (!CodeGrammar().IsMatch(code))
        {
            return Unknown(code);
        }

        var snapshot = await document.GetAsync(cancellationToken);
        if (!ProblemPages.Read(snapshot.Document).TryGetValue(code, out var page))
        {
            return Unknown(code);
        }

        var accept = context.Request.GetTypedHeaders().Accept;
        var json = accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            && !accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.Headers.Vary = HeaderNames.Accept;
        return json ? TypedResults.Ok(page) : TypedResults.Content(ProblemPages.Html(page), "text/html", System.Text.Encoding.UTF8);
    }

    private static ProblemHttpResult Unknown(string code) => Problem.Of(StatusCodes.Status404NotFound, ProblemCodes.NotFound, new Bilingual(
        $"没有名为“{Printable(code)}”的问题代码。", $"There is no problem code '{Printable(code)}'."));

    private static string Printable(string code) => code.Length > 64 ? code[..64] + "…" : code;

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeGrammar();
}
