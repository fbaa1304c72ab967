namespace CivicHall.ServiceDefaults.PersonalData;

/// <summary>How personal data is shown to roles that need no more (DESIGN §6).</summary>
public static class Masking
{
    /// <summary><c>310101199001011234</c> → <c>310***********1234</c>.</summary>
    public static string IdNumber(string idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        return idNumber.Length <= 7 ? new string('*', idNumber.Length) : string.Concat(idNumber.AsSpan(0, 3), new string('*', idNumber.Length - 7), idNumber.AsSpan(idNumber.Length - 4));
    }

    /// <summary><c>张三</c> → <c>张*</c>; <c>欧阳娜娜</c> → <c>欧***</c>.</summary>
    public static string Name(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        return trimmed.Length <= 1 ? "*" : string.Concat(trimmed.AsSpan(0, 1), new string('*', trimmed.Length - 1));
    }

    /// <summary><c>13812345678</c> → <c>138****5678</c>.</summary>
    public static string Phone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return phone.Length < 8 ? new string('*', phone.Length) : string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 7), phone.AsSpan(phone.Length - 4));
    }
}
