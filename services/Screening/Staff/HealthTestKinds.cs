namespace CivicHall.Screening.Staff;

/// <summary>The kinds of test a health file holds; the words of the API and of the file's JSON.</summary>
public static class HealthTestKinds
{
    public const string Nucleic = "nucleic";
    public const string Antigen = "antigen";

    public static readonly IReadOnlyList<string> All = [Nucleic, Antigen];
}
