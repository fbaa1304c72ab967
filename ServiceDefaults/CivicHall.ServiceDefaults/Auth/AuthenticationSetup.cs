using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace CivicHall.ServiceDefaults.Auth;

public static class AuthenticationSetup
{
    /// <summary>
    /// JWT bearer authentication and one policy per role. Every endpoint requires an authenticated
    /// caller unless it says otherwise (the fallback policy). Outside Development a signing key or an
    /// authority must be configured, and the development key is refused.
    /// </summary>
    public static IHostApplicationBuilder AddCivicHallAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(JwtSettings.SectionName).Get<JwtSettings>() ?? new JwtSettings();
        var signingKey = ResolveSigningKey(settings, builder.Environment);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                // Valid tokens are remembered until they expire (CachingTokenHandler): the system clock, as IdentityModel's.
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new CachingTokenHandler(TimeProvider.System) { MapInboundClaims = false });
                if (!string.IsNullOrWhiteSpace(settings.Authority))
                {
                    options.Authority = settings.Authority;
                }

                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = signingKey is null ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)),
                    ValidateIssuerSigningKey = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = "sub",
                    RoleClaimType = "role",
                };
            });

        var authorization = builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var role in Roles.All)
        {
            authorization.AddPolicy(role, policy => policy.RequireRole(role));
        }

        return builder;
    }

    private static string? ResolveSigningKey(JwtSettings settings, IHostEnvironment environment)
    {
        var key = settings.SigningKey;
        if (string.IsNullOrWhiteSpace(key) && string.IsNullOrWhiteSpace(settings.Authority))
        {
            key = environment.IsDevelopment()
                ? DevelopmentTokens.SigningKey
                : throw new InvalidOperationException(
                    $"{JwtSettings.SectionName}:SigningKey or :Authority must be configured outside Development.");
        }

        if (key == DevelopmentTokens.SigningKey && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "The development signing key is refused outside the Development environment; configure a secret key.");
        }

        if (key is not null && Encoding.UTF8.GetByteCount(key) < 32)
        {
            throw new InvalidOperationException($"{JwtSettings.SectionName}:SigningKey must be at least 32 bytes.");
        }

        return key;
    }
}
