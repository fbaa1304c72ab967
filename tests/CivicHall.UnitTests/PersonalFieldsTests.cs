using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.UnitTests;

/// <summary>The personal fields booking and screening both take, checked by one rule.</summary>
public sealed class PersonalFieldsTests
{
    [Theory]
    [InlineData("13800001234")] // mobile
    [InlineData("19912345678")]
    [InlineData("138 0000 1234")]
    [InlineData("138-0000-1234")]
    [InlineData(" 13800001234 ")] // trimmed
    [InlineData("+8613800001234")]
    [InlineData("+86 138 0000 1234")]
    [InlineData("0086-13800001234")]
    [InlineData("021-62345678")] // Shanghai landline
    [InlineData("02162345678")]
    [InlineData("010-6512 3456")] // Beijing
    [InlineData("0571-8888888")] // four-digit area code, seven-digit number
    [InlineData("0571 8888 8888-123")] // with an extension
    [InlineData("+86 21 6234 5678")] // the trunk 0 dropped after +86
    [InlineData("62345678")] // local, without area code
    [InlineData("400-820-8820")] // enterprise service number
    public void Mainland_mobiles_and_landlines_are_phone_numbers(string phone) => Assert.True(PhoneNumber.IsValid(phone));

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("13800001234; DROP TABLE bookings")]
    [InlineData("1380000123")] // a digit short
    [InlineData("138000012345")] // a digit long
    [InlineData("12800001234")] // no 12x mobiles
    [InlineData("12345")] // a hotline, not a person's phone
    [InlineData("+85212345678")] // Hong Kong: not a mainland number
    [InlineData("+1 212 555 0100")]
    [InlineData("+86 0138 0000 1234")]
    [InlineData("021--62345678")] // one separator at a time
    [InlineData("-13800001234")]
    [InlineData("１３８００００１２３４")] // full-width digits
    [InlineData("021-0234567")] // a local number does not start with 0
    [InlineData("013-62345678")] // no area code 013
    [InlineData("+86 13 62345678")]
    [InlineData("1380000123４")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not(string? phone) => Assert.False(PhoneNumber.IsValid(phone));

    [Fact]
    public void A_phone_number_is_optional_but_when_given_it_must_be_one()
    {
        Assert.Null(PersonalFields.PhoneError(null));
        Assert.Null(PersonalFields.PhoneError("  "));
        Assert.Null(PersonalFields.PhoneError("13800001234"));
        Assert.NotNull(PersonalFields.PhoneError("../../etc/passwd"));
        Assert.Equal("13800001234", PersonalFields.Optional(" 13800001234 "));
        Assert.Null(PersonalFields.Optional(" "));
    }

    [Fact]
    public void A_name_is_required_and_at_most_fifty_characters_so_its_masked_copy_fits()
    {
        Assert.NotNull(PersonalFields.NameError(null));
        Assert.NotNull(PersonalFields.NameError(" "));
        Assert.Null(PersonalFields.NameError("张三"));
        Assert.Null(PersonalFields.NameError(" " + new string('阿', 50) + " "));
        Assert.NotNull(PersonalFields.NameError(new string('阿', 51)));
        Assert.True(Masking.Name(new string('阿', PersonalFields.NameMaxLength)).Length <= 64);
    }

    [Fact]
    public void An_address_is_optional_and_at_most_two_hundred_characters()
    {
        Assert.Null(PersonalFields.AddressError(null));
        Assert.Null(PersonalFields.AddressError("上海市青浦区公园路100号"));
        Assert.Null(PersonalFields.AddressError(new string('路', 200)));
        Assert.NotNull(PersonalFields.AddressError(new string('路', 201)));
    }
}
