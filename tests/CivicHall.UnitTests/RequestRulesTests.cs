using System.Text.Json;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.UnitTests;

/// <summary>The text and id rules every request is held to (README, "What every request must respect").</summary>
public sealed class RequestRulesTests
{
    [Theory]
    [InlineData("青浦区行政服务中心", true)]
    [InlineData("line one\nline two\r\n\tindented", true)]
    [InlineData("emoji 😷 is a surrogate pair", true)]
    [InlineData("nul \u0000", false)]
    [InlineData("bell \u0007", false)]
    [InlineData("escape \u001b[31m", false)]
    [InlineData("delete \u007f", false)]
    [InlineData("c1 \u0085", false)]
    [InlineData("", true)]
    public void Plain_text_allows_tab_and_line_breaks_but_no_other_control_character(string value, bool valid) =>
        Assert.Equal(valid, PlainText.IsValid(value));

    [Fact]
    public void Plain_text_refuses_a_lone_surrogate()
    {
        // Built at run time: an attribute's string cannot carry a lone surrogate.
        Assert.False(PlainText.IsValid("lone high " + (char)0xD83D));
        Assert.False(PlainText.IsValid("lone low " + (char)0xDE37 + " x"));
        Assert.True(PlainText.IsValid("pair " + (char)0xD83D + (char)0xDE37));
    }

    [Theory]
    [InlineData("qingpu", true)]
    [InlineData("Q", true)]
    [InlineData("floor-1.window_2", true)]
    [InlineData("0", true)]
    [InlineData("-lead", false)]
    [InlineData("_lead", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("café-1", false)]
    [InlineData("张三", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Ids_follow_one_grammar(string? id, bool valid) => Assert.Equal(valid, Identifier.IsValid(id));

    [Fact]
    public void Ids_are_at_most_64_characters() =>
        Assert.True(Identifier.IsValid(new string('a', 64)) && !Identifier.IsValid(new string('a', 65)));

    [Fact]
    public void A_body_string_with_a_control_character_fails_to_read_with_the_field_path()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new PlainTextJsonConverter() } };
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Body>("""{"person":{"name":"a\u0000b"}}""", options));
        Assert.Equal("$.person.name", error.Path);
        Assert.Equal(PlainText.Rule, error.Message);

        var surrogate = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Body>("""{"tags":["ok","\ud800"]}""", options));
        Assert.Equal("$.tags[1]", surrogate.Path);

        var read = JsonSerializer.Deserialize<Body>("""{"person":{"name":"张\n三"},"tags":null}""", options)!;
        Assert.Equal("张\n三", read.Person!.Name);
        Assert.Null(read.Tags);
    }

    private sealed record Body(Person? Person, IReadOnlyList<string>? Tags);

    private sealed record Person(string? Name);
}
