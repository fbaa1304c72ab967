using CivicHall.ServiceDefaults.Hosting;

namespace CivicHall.Gateway.Portal;

/// <summary>Signed portal requests (README "Portal signing"): registered only when <c>Portal:Clients</c> names a client.</summary>
public static class PortalSetup
{
    public static void AddPortalSigning(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        PortalProblems.Register();
        AddDevelopmentClient(builder);
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

    /// <summary>
    /// <c>Portal:DevelopmentClient=true</c> (what the AppHost and <c>scripts/run</c> set in Development, with the
    /// gateway's database): registers <see cref="PortalOptions.DevelopmentClientAppKey"/> with the public
    /// <see cref="PortalOptions.DevelopmentSecret"/> and the routes a portal books through, so the README's signing
    /// example runs against a local system. Refused outside Development, like the development secret itself.
    /// </summary>
    private static void AddDevelopmentClient(IHostApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>($"{PortalOptions.SectionName}:DevelopmentClient"))
        {
            return;
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("Portal:DevelopmentClient is refused outside the Development environment.");
        }

        var client = $"{PortalOptions.SectionName}:Clients:{PortalOptions.DevelopmentClientAppKey}";
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{client}:Name"] = "一网通办（开发）",
            [$"{client}:Secrets:0"] = PortalOptions.DevelopmentSecret,
        };
        for (var i = 0; i < PortalOptions.DevelopmentClientRoutes.Length; i++)
        {
            settings[$"{client}:AllowedRoutes:{i}"] = PortalOptions.DevelopmentClientRoutes[i];
        }

        builder.Configuration.AddInMemoryCollection(settings);
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
