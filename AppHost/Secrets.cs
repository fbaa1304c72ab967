using System.Security.Cryptography;
using Aspire.Hosting.Publishing;

namespace CivicHall.AppHost;

/// <summary>
/// The keys every run needs, as secret AppHost parameters: the JWT signing key (all services and the
/// gateway, whose development token endpoint signs with it) and the personal-data keys (DESIGN §6:
/// the hash key must be the same in every service that recognises a person). A value in
/// configuration (<c>Parameters:jwt-signing-key</c> …) wins; otherwise one is generated on the first
/// run and kept in this machine's user secrets, outside the repository, so data encrypted yesterday
/// can be read today.
/// </summary>
internal sealed record Secrets(
    IResourceBuilder<ParameterResource> JwtSigningKey,
    IResourceBuilder<ParameterResource> PersonalDataHashKey,
    IResourceBuilder<ParameterResource> PersonalDataEncryptionKey)
{
    public static Secrets Add(IDistributedApplicationBuilder builder) => new(
        Key(builder, "jwt-signing-key", "HMAC key signing the API's tokens (base64 of 32 random bytes)."),
        Key(builder, "personal-data-hash-key", "Key of the person key derived from an ID number (base64 of 32 bytes); never change it once data exists."),
        Key(builder, "personal-data-encryption-key", "AES key of personal fields at rest (base64 of 32 bytes); never change it once data exists."));

    private static IResourceBuilder<ParameterResource> Key(IDistributedApplicationBuilder builder, string name, string description) =>
        builder.AddParameter(name, new RandomKeyDefault(), secret: true, persist: true).WithDescription(description);

    /// <summary>Base64 of 32 bytes from the system's random number generator.</summary>
    private sealed class RandomKeyDefault : ParameterDefault
    {
        public override string GetDefaultValue() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        // A deployment manifest asks its tool to generate a value of this length.
        public override void WriteToManifest(ManifestPublishingContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            context.Writer.WriteStartObject("generate");
            context.Writer.WriteNumber("minLength", 44);
            context.Writer.WriteEndObject();
        }
    }
}
