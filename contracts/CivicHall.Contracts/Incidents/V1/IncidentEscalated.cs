namespace CivicHall.Contracts.Incidents.V1;

/// <summary>
/// A case missed a deadline of its hall's incident policy (or needs help at once) and went one level up the chain
/// <c>duty_leader → street_office → cdc</c>: each level once per deadline, one level per policy interval.
/// </summary>
/// <param name="IncidentId">The case.</param>
/// <param name="HallId">Its hall.</param>
/// <param name="Kind">The case's kind (<c>abnormal_screening</c>, <c>case_notice</c>, <c>refusal</c>, <c>staff_symptoms</c>).</param>
/// <param name="Deadline">
/// What was missed or needs help: <c>isolated</c>, <c>reported</c>, <c>hospital_notified</c>, or <c>refusal</c> and
/// <c>isolation_full</c>, which escalate at once.
/// </param>
/// <param name="Level">Who is now told: <c>duty_leader</c>, <c>street_office</c> or <c>cdc</c>.</param>
/// <param name="DueAt">When the deadline fell (for <c>refusal</c> and <c>isolation_full</c>, when it happened).</param>
/// <param name="PolicyVersion">The incident policy version that set the deadline.</param>
/// <param name="OccurredAt">When the escalation was raised.</param>
public sealed record IncidentEscalated(
    Guid IncidentId,
    string HallId,
    string Kind,
    string Deadline,
    string Level,
    DateTimeOffset DueAt,
    int PolicyVersion,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
