namespace CivicHall.ServiceDefaults.PersonalData;

/// <summary>
/// Keys protecting personal data (DESIGN §6), from the "PersonalData" settings as base64 of 32 bytes.
/// <see cref="HashKey"/> must be the same in every service that matches people (booking, screening):
/// the person key it derives is how they recognise one person without a clear ID number.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string SectionName = "PersonalData";

    public string? HashKey { get; set; }

    public string? EncryptionKey { get; set; }
}
