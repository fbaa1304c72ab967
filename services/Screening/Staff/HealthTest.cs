namespace CivicHall.Screening.Staff;

/// <summary>A test result: <c>nucleic</c> or <c>antigen</c>, <c>negative</c> or <c>positive</c>.</summary>
public sealed record HealthTest(DateTimeOffset At, string Kind, string Result);
