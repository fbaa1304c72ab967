using System.Security.Cryptography;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.UnitTests;

public sealed class PersonalDataTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static PersonalDataProtector Protector(byte seed = 1) =>
        new(Enumerable.Repeat(seed, 32).ToArray(), Enumerable.Repeat((byte)(seed + 1), 32).ToArray());

    [Theory]
    [InlineData("99010119491231001X", true)] // check digit X (region 990101 is no real district)
    [InlineData("99010119491231001x", true)] // lower-case x is the same number
    [InlineData("990101194912310011", false)] // wrong check digit
    [InlineData("990101194913310029", false)] // no 13th month
    [InlineData("990101203012310024", false)] // born in the future
    [InlineData("99010119491231001", false)] // 17 characters
    [InlineData("9901011949123100AX", false)] // letters in the digits
    [InlineData(null, false)]
    public void Resident_id_numbers_are_checked_for_form_birth_date_and_check_digit(string? idNumber, bool valid) =>
        Assert.Equal(valid, ChineseIdNumber.IsValid(idNumber, Today));

    [Fact]
    public void Age_counts_whole_years_and_a_generated_check_digit_validates()
    {
        Assert.Equal(59, ChineseIdNumber.AgeOn(ChineseIdNumber.WithCheckDigit("99010119661124002"), Today)); // 60 tomorrow
        Assert.Equal(60, ChineseIdNumber.AgeOn(ChineseIdNumber.WithCheckDigit("99010119661123123"), Today));
        Assert.True(ChineseIdNumber.IsValid(ChineseIdNumber.WithCheckDigit("99010119800101123"), Today));
    }

    [Fact]
    public void Masks_keep_only_what_a_person_needs_to_recognise_their_own_data()
    {
        Assert.Equal("990***********1234", Masking.IdNumber("990101199001011234"));
        Assert.Equal("张*", Masking.Name("张三"));
        Assert.Equal("欧***", Masking.Name(" 欧阳娜娜 "));
        Assert.Equal("138****5678", Masking.Phone("13812345678"));
        Assert.Equal("****", Masking.IdNumber("1234"));
    }

    [Fact]
    public void The_person_key_is_stable_per_key_blind_to_case_and_never_the_number()
    {
        var protector = Protector();
        var key = protector.PersonKey("99010119491231001X");
        Assert.Equal(key, protector.PersonKey(" 99010119491231001x "));
        Assert.StartsWith("pk_", key, StringComparison.Ordinal);
        Assert.DoesNotContain("990101", key, StringComparison.Ordinal);
        Assert.NotEqual(key, Protector(seed: 9).PersonKey("99010119491231001X")); // another deployment's key, another person key
    }

    [Fact]
    public void Encrypted_copies_round_trip_differ_each_time_and_refuse_tampering()
    {
        var protector = Protector();
        var first = protector.Encrypt("99010119491231001X");
        Assert.NotEqual(first, protector.Encrypt("99010119491231001X")); // fresh nonce
        Assert.Equal("99010119491231001X", protector.Decrypt(first));

        var bytes = Convert.FromBase64String(first);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt(Convert.ToBase64String(bytes)));
        Assert.ThrowsAny<CryptographicException>(() => Protector(seed: 9).Decrypt(first));
    }
}
