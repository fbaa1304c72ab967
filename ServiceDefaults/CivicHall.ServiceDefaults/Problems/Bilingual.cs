namespace CivicHall.ServiceDefaults.Problems;

/// <summary>
/// A text written in both of the API's languages: the problem's <c>detail</c> leaves in the caller's
/// language like its title (zh-CN unless <c>Accept-Language</c> prefers English).
/// </summary>
public sealed record Bilingual(string Chinese, string English)
{
    public string In(bool english) => english ? English : Chinese;
}
