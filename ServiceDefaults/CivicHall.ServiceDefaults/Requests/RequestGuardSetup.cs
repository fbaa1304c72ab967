using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CivicHall.ServiceDefaults.Requests;

public static class RequestGuardSetup
{
    /// <summary>Body size limit, plain-text request bodies and the id grammar of route and query values.</summary>
    public static TBuilder AddRequestGuards<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section)
            .Validate(o => o.MaxBodyBytes > 0, "Requests:MaxBodyBytes must be positive.");
        builder.Services.Configure<JsonOptions>(options => options.SerializerOptions.Converters.Add(new PlainTextJsonConverter()));
        return builder;
    }

    /// <summary>After authorisation, before any endpoint: see <see cref="RequestGuardMiddleware"/>.</summary>
    public static IApplicationBuilder UseRequestGuards(this IApplicationBuilder app) => app.UseMiddleware<RequestGuardMiddleware>();
}
