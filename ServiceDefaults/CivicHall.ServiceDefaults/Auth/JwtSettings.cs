namespace CivicHall.ServiceDefaults.Auth;

/// <summary>
/// The "Authentication:Jwt" section. Either <see cref="Authority"/> (an OpenID Connect issuer whose
/// keys are discovered) or <see cref="SigningKey"/> (a shared HMAC key of at least 32 bytes).
/// </summary>
public sealed class JwtSettings
{
    public const string SectionName = "Authentication:Jwt";

    public string Issuer { get; set; } = "civichall";

    public string Audience { get; set; } = "civichall-api";

    public string? Authority { get; set; }

    public string? SigningKey { get; set; }
}
