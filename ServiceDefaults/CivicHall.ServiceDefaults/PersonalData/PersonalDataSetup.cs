using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CivicHall.ServiceDefaults.PersonalData;

public static class PersonalDataSetup
{
    /// <summary>
    /// Registers <see cref="PersonalDataProtector"/> with the keys of the "PersonalData" settings. In
    /// Development, missing keys fall back to fixed development keys (so local runs and tests match
    /// people across services); anywhere else missing keys stop the service at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddPersonalData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(PersonalDataOptions.SectionName);
        var options = section.Get<PersonalDataOptions>() ?? new PersonalDataOptions();
        var development = builder.Environment.IsDevelopment();
        var hashKey = Key(options.HashKey, "HashKey", development);
        var encryptionKey = Key(options.EncryptionKey, "EncryptionKey", development);
        builder.Services.AddSingleton(new PersonalDataProtector(hashKey, encryptionKey));
        return builder;
    }

    private static byte[] Key(string? configured, string name, bool development)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Convert.FromBase64String(configured);
        }

        if (!development)
        {
            throw new InvalidOperationException(
                $"PersonalData:{name} is not configured. Outside Development, set it (base64 of 32 random bytes) from the secret store.");
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes($"civichall-development-only-{name}"));
    }
}
