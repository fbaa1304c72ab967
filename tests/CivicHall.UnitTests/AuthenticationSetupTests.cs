using CivicHall.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CivicHall.UnitTests;

public sealed class AuthenticationSetupTests
{
    private static WebApplicationBuilder Builder(string environment, string? signingKey)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        if (signingKey is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Authentication:Jwt:SigningKey"] = signingKey });
        }

        return builder;
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void The_development_key_is_refused_outside_development(string environment)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder(environment, DevelopmentTokens.SigningKey).AddCivicHallAuthentication());
        Assert.Contains("development signing key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_without_a_key_or_authority_does_not_start()
    {
        Assert.Throws<InvalidOperationException>(() => Builder("Production", null).AddCivicHallAuthentication());
    }

    [Fact]
    public void A_short_key_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => Builder("Production", "too-short").AddCivicHallAuthentication());
    }

    [Fact]
    public void Development_falls_back_to_the_development_key_and_production_accepts_its_own_key()
    {
        Builder("Development", null).AddCivicHallAuthentication();
        Builder("Production", "a-production-secret-of-at-least-32-bytes!").AddCivicHallAuthentication();
    }
}
