using System.Globalization;

namespace CivicHall.ServiceDefaults.PersonalData;

/// <summary>The 18-character resident identity number (GB 11643-1999): region, birth date, sequence, check digit.</summary>
public static class ChineseIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckDigits = "10X98765432";

    /// <summary>The form (not the check digit, nor the birth date): 17 digits, then a digit or X.</summary>
    public const string Pattern = "^[0-9]{17}[0-9Xx]$";
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    public static string Normalize(string idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        return idNumber.Trim().ToUpperInvariant();
    }

    /// <summary>Well formed, a real birth date not in the future, and the check digit right.</summary>
    public static bool IsValid(string? idNumber, DateOnly today)
    {
        if (idNumber is null)
        {
            return false;
        }

        var id = Normalize(idNumber);
        if (id.Length != 18 || id.AsSpan(0, 17).ContainsAnyExcept(Digits) || (id[17] is not ((>= '0' and <= '9') or 'X')))
        {
            return false;
        }

        if (BirthDate(id) is not { } birth || birth > today)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * Weights[i];
        }

        return id[17] == CheckDigits[sum % 11];
    }

    public static DateOnly? BirthDate(string idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        return idNumber.Length >= 14 && DateOnly.TryParseExact(idNumber.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            ? birth
            : null;
    }

    /// <summary>Age in whole years on a date (for age-based rules such as over 60 / under 18).</summary>
    public static int AgeOn(string idNumber, DateOnly date)
    {
        var birth = BirthDate(Normalize(idNumber)) ?? throw new ArgumentException("Not an ID number with a birth date.", nameof(idNumber));
        var age = date.Year - birth.Year;
        return date < birth.AddYears(age) ? age - 1 : age;
    }

    /// <summary>Completes 17 digits with their check digit (test data, samples).</summary>
    public static string WithCheckDigit(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return first17 + CheckDigits[sum % 11];
    }
}
