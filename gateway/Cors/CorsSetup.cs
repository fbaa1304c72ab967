namespace CivicHall.Gateway.Cors;

/// <summary>
/// CORS for the ops console's origins, <c>Cors:Origins</c> (README "CORS"): none by default (the
/// middleware is not even added), a localhost origin in Development. A preflight from a configured origin is
/// answered 204 before authentication, without a token; an origin not configured gets no
/// <c>Access-Control-Allow-Origin</c>, so the browser keeps the answer from its page.
/// </summary>
public static class CorsSetup
{
    public const string SectionName = "Cors";
    public const string PolicyName = "console";

    public static readonly string[] AllowedHeaders = ["Authorization", "Content-Type", "Idempotency-Key", "If-Match", "If-None-Match", "Accept-Language", "Accept"];

    public static readonly string[] ExposedHeaders = ["ETag", "Location", "Retry-After", "Idempotent-Replayed"];

    public static readonly string[] AllowedMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static void AddGatewayCors(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var origins = Origins(builder.Configuration);
        foreach (var origin in origins)
        {
            if (origin == "*" || !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                throw new InvalidOperationException($"{SectionName}:Origins: '{origin}' is not an origin (scheme://host[:port], no path, no wildcard).");
            }
        }

        if (origins.Length == 0)
        {
            return;
        }

        builder.Services.AddCors(cors => cors.AddPolicy(PolicyName, policy => policy
            .WithOrigins(origins)
            .WithHeaders(AllowedHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .WithMethods(AllowedMethods)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
    }

    /// <summary>Before authentication, so that a preflight needs no token.</summary>
    public static void UseGatewayCors(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (Origins(app.ApplicationServices.GetRequiredService<IConfiguration>()).Length > 0)
        {
            app.UseCors(PolicyName);
        }
    }

    private static string[] Origins(IConfiguration configuration) =>
        configuration.GetSection($"{SectionName}:Origins").Get<string[]>() ?? [];
}
