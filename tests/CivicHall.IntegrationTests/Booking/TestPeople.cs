using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>
/// Valid, distinct resident ID numbers for test people, born from 1970 on. The region code 990101 is
/// no district of China (GB/T 2260 has no province 99), so a test number can never be a real person's;
/// the services check the form, the birth date and the check digit, not the region.
/// </summary>
public static class TestPeople
{
    public const string Region = "990101";

    public static string IdNumber(int i, int bornYear = 1970)
    {
        var birth = new DateOnly(bornYear, 1, 1).AddDays(i / 500);
        return ChineseIdNumber.WithCheckDigit(string.Create(CultureInfo.InvariantCulture, $"{Region}{birth:yyyyMMdd}{i % 500:D3}"));
    }

    public static object Person(int i, int bornYear = 1970) => new { idNumber = IdNumber(i, bornYear), name = $"测试{i}", phone = "13800001234" };

    /// <summary>
    /// Fails when <paramref name="text"/> holds the ID number in clear, with a message that names
    /// <paramref name="where"/> but never the number (a failure message ends up in CI logs).
    /// </summary>
    public static void AssertNotIn(string idNumber, string? text, string where) =>
        Assert.False(text is not null && text.Contains(idNumber, StringComparison.Ordinal), $"{where} holds an ID number in clear");

    /// <summary>Fails when two ID numbers differ, without printing either.</summary>
    public static void AssertSame(string expected, string? actual, string what) =>
        Assert.True(string.Equals(expected, actual, StringComparison.Ordinal), $"{what} is not the expected ID number");
}
