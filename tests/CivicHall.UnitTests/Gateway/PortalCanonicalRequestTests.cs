using System.Security.Cryptography;
using System.Text;
using CivicHall.Gateway.Portal;

namespace CivicHall.UnitTests.Gateway;

/// <summary>The string a portal signs (README "Portal signing"), as the portal's developers must build it.</summary>
public sealed class PortalCanonicalRequestTests
{
    [Fact]
    public void The_empty_body_hashes_to_the_sha256_of_the_empty_string()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", PortalCanonicalRequest.EmptyBodyHash);
        Assert.Equal(PortalCanonicalRequest.EmptyBodyHash, PortalCanonicalRequest.HashHex([]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("{\"a\":1}"u8)), PortalCanonicalRequest.HashHex("{\"a\":1}"u8));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("?", "")]
    [InlineData("?b=2&a=1", "a=1&b=2")]
    [InlineData("b=2&a=1", "a=1&b=2")]
    [InlineData("?a=2&a=10&a=1", "a=1&a=10&a=2")]
    [InlineData("?flag&z=", "flag=&z=")]
    [InlineData("?name=%E9%97%A8%20x", "name=%E9%97%A8%20x")]
    [InlineData("?name=%e9%97%a8", "name=%E9%97%A8")]
    [InlineData("?q=a+b", "q=a%2Bb")]
    [InlineData("?q=a~b-c_d.e", "q=a~b-c_d.e")]
    [InlineData("?q=a%2Fb&p=%3D", "p=%3D&q=a%2Fb")]
    [InlineData("?Z=1&a=1", "Z=1&a=1")]
    public void The_query_is_decoded_encoded_by_RFC_3986_and_sorted_by_name_then_value(string? query, string canonical) =>
        Assert.Equal(canonical, PortalCanonicalRequest.CanonicalQuery(query));

    [Fact]
    public void The_canonical_string_joins_its_seven_lines_with_newlines()
    {
        var canonical = PortalCanonicalRequest.Build("post", "/api/v1/bookings", "?b=2&a=1", "1764525600", "n0nce-0123456789ab", "citizen-1", PortalCanonicalRequest.EmptyBodyHash);
        Assert.Equal(
            "POST\n/api/v1/bookings\na=1&b=2\n1764525600\nn0nce-0123456789ab\ncitizen-1\n" + PortalCanonicalRequest.EmptyBodyHash,
            canonical);
    }

    [Fact]
    public void A_signature_verifies_under_either_secret_of_a_rotation_and_not_under_another()
    {
        const string canonical = "GET\n/api/v1/halls\n\n1764525600\nn0nce-0123456789ab\ncitizen-1\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        var oldSecret = "old-secret-0123456789abcdef-0123456789";
        var newSecret = "new-secret-0123456789abcdef-0123456789";
        byte[][] both = [Encoding.UTF8.GetBytes(oldSecret), Encoding.UTF8.GetBytes(newSecret)];

        Assert.True(PortalCanonicalRequest.Verify(canonical, PortalCanonicalRequest.Sign(canonical, oldSecret), both));
        Assert.True(PortalCanonicalRequest.Verify(canonical, PortalCanonicalRequest.Sign(canonical, newSecret), both));
        Assert.False(PortalCanonicalRequest.Verify(canonical, PortalCanonicalRequest.Sign(canonical, oldSecret), [both[1]]));
        Assert.False(PortalCanonicalRequest.Verify(canonical + "x", PortalCanonicalRequest.Sign(canonical, oldSecret), both));
        Assert.False(PortalCanonicalRequest.Verify(canonical, "not base64!", both));
        Assert.False(PortalCanonicalRequest.Verify(canonical, Convert.ToBase64String(new byte[16]), both));
    }

    [Fact]
    public void The_signature_is_base64_of_HMAC_SHA256_as_openssl_computes_it()
    {
        // printf '%s' "$canonical" | openssl dgst -sha256 -hmac "$secret" -binary | base64
        var expected = Convert.ToBase64String(HMACSHA256.HashData("secret"u8, "GET\n/\n\n0\nn\nc\nh"u8));
        Assert.Equal(expected, PortalCanonicalRequest.Sign("GET\n/\n\n0\nn\nc\nh", "secret"));
    }
}
