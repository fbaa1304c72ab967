namespace CivicHall.ServiceDefaults.PersonalData;

/// <summary>
/// The one validation of the personal fields people give with their ID number — name, address, phone —
/// shared by every service that takes them (booking, screening), so that a value one accepts the other
/// does not refuse. Each check answers null when the value is fine, or what is wrong with it; an optional
/// field left blank is absent (<see cref="Optional"/>).
/// </summary>
public static class PersonalFields
{
    /// <summary>Long enough for minority and foreign names; the masked copy must fit its 64-character column.</summary>
    public const int NameMaxLength = 50;

    public const int AddressMaxLength = 200;

    /// <summary>A name is required: 1–<see cref="NameMaxLength"/> characters once trimmed.</summary>
    public static string? NameError(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMaxLength ? $"Required, 1–{NameMaxLength} characters." : null;

    /// <summary>An address is optional: at most <see cref="AddressMaxLength"/> characters once trimmed.</summary>
    public static string? AddressError(string? address) =>
        Optional(address) is { Length: > AddressMaxLength } ? $"At most {AddressMaxLength} characters." : null;

    /// <summary>A phone number is optional; when given, a mainland one (<see cref="PhoneNumber"/>).</summary>
    public static string? PhoneError(string? phone) =>
        Optional(phone) is { } given && !PhoneNumber.IsValid(given)
            ? "A mainland mobile (13800001234) or landline (021-62345678) number: digits, '+86', single spaces or hyphens."
            : null;

    /// <summary>An optional field as it is stored: trimmed, or null when blank.</summary>
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
