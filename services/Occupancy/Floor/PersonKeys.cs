using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Occupancy.Floor;

/// <summary>Resolves a request's person to the key the floor knows them by; the ID number itself is never stored here.</summary>
public static class PersonKeys
{
    /// <summary>The form of a person key as events carry it.</summary>
    public const string Pattern = "^pk_";

    /// <summary>The key, or the validation errors (by field) when the request names no one, or names them wrongly.</summary>
    public static string? Resolve(string? idNumber, string? personKey, PersonalDataProtector personalData, DateOnly today, out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(personalData);
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (idNumber is null == personKey is null)
        {
            errors["idNumber"] = ["Either idNumber (as read at the gate) or personKey, not both."];
            return null;
        }

        if (idNumber is not null)
        {
            if (!ChineseIdNumber.IsValid(idNumber, today))
            {
                errors["idNumber"] = ["Not a valid resident ID number (18 characters, check digit)."];
                return null;
            }

            return personalData.PersonKey(ChineseIdNumber.Normalize(idNumber));
        }

        if (personKey!.Length is < 4 or > 64 || !personKey.StartsWith("pk_", StringComparison.Ordinal))
        {
            errors["personKey"] = ["A person key as events carry it (pk_…)."];
            return null;
        }

        return personKey;
    }
}
