using CivicHall.ServiceDefaults.Hosting;

namespace CivicHall.Gateway.Portal;

/// <summary>Signed portal requests (README "Portal signing"): registered only when <c>Portal:Clients</c> names a client.</summary>
public static class PortalSetup
{
    public static void AddPortalSigning(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        PortalProblems.Register();
        var section = builder.Configuration.GetSection(PortalOptions.SectionName);
        var options = new PortalOptions();
        section.Bind(options);
        var connectionString = builder.Configuration.GetConnectionString(PortalOptions.ConnectionStringName);
        var routes = builder.Configuration.GetSection("ReverseProxy:Routes").GetChildren().Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        options.Validate(routes, builder.Environment.IsDevelopment(), !string.IsNullOrWhiteSpace(connectionString));
        if (options.Clients.Count == 0)
        {
            return;
        }

        builder.Services.Configure<PortalOptions>(section);
        builder.Services.AddSingleton(_ => new NonceStore(connectionString!));
        builder.Services.AddSingleton<PortalTokenIssuer>();
        builder.Services.AddHostedSingleton<NonceSweep>();
    }

    /// <summary>Before authentication: a verified request goes on with the token the gateway minted for it.</summary>
    public static void UsePortalSigning(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<NonceStore>() is not null)
        {
            app.UseMiddleware<PortalSignatureMiddleware>();
        }
    }
}
