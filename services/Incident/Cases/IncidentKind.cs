using System.Text.Json.Serialization;

namespace CivicHall.Incident.Cases;

/// <summary>What opened a case; stored and shown as its wire name (<see cref="IncidentKinds"/>).</summary>
public enum IncidentKind
{
    /// <summary>A screening reading ended in <c>isolate</c> (AbnormalPersonDetected), or a screener saw one.</summary>
    [JsonStringEnumMemberName(IncidentKinds.AbnormalScreening)]
    AbnormalScreening,

    /// <summary>An authority's notice that someone who was in the hall is a suspected or confirmed case (not opened by hand).</summary>
    [JsonStringEnumMemberName(IncidentKinds.CaseNotice)]
    CaseNotice,

    /// <summary>A person refuses control measures after being dissuaded (经劝阻仍不配合).</summary>
    [JsonStringEnumMemberName(IncidentKinds.Refusal)]
    Refusal,

    /// <summary>A member of staff has symptoms.</summary>
    [JsonStringEnumMemberName(IncidentKinds.StaffSymptoms)]
    StaffSymptoms,
}

/// <summary>The wire names of <see cref="IncidentKind"/>.</summary>
public static class IncidentKinds
{
    public const string AbnormalScreening = "abnormal_screening";
    public const string CaseNotice = "case_notice";
    public const string Refusal = "refusal";
    public const string StaffSymptoms = "staff_symptoms";

    public static IReadOnlyList<string> All { get; } = [AbnormalScreening, CaseNotice, Refusal, StaffSymptoms];

    /// <summary>The kinds a screener or duty leader may open by hand (a case notice comes from an authority).</summary>
    public static IReadOnlyList<string> ByHand { get; } = [AbnormalScreening, Refusal, StaffSymptoms];
}
