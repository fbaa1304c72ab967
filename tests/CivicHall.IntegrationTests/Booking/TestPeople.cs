using System.Globalization;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>Valid, distinct resident ID numbers for test people (Shanghai Huangpu, born from 1970 on).</summary>
public static class TestPeople
{
    public static string IdNumber(int i, int bornYear = 1970)
    {
        var birth = new DateOnly(bornYear, 1, 1).AddDays(i / 500);
        return ChineseIdNumber.WithCheckDigit(string.Create(CultureInfo.InvariantCulture, $"310101{birth:yyyyMMdd}{i % 500:D3}"));
    }

    public static object Person(int i, int bornYear = 1970) => new { idNumber = IdNumber(i, bornYear), name = $"测试{i}", phone = "13800001234" };
}
