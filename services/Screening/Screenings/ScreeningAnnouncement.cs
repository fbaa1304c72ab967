using CivicHall.Contracts;
using CivicHall.Contracts.Screening.V1;
using CivicHall.Messaging.Outbox;
using CivicHall.Screening.Decisions;
using CivicHall.Screening.Policies;

namespace CivicHall.Screening.Screenings;

/// <summary>The event that announces a decided reading.</summary>
public static class ScreeningAnnouncement
{
    /// <summary>
    /// <see cref="PersonAdmitted"/> (with the priority group), <see cref="AbnormalPersonDetected"/> or
    /// <see cref="ScreeningDenied"/>; null for an outcome that has none (a retest or manual check waits for its sequel).
    /// <paramref name="staffId"/>: the id of the staff member's health file, for <see cref="PersonAdmitted.StaffId"/>.
    /// </summary>
    public static OutboxMessage? For(ScreeningRecord record, ScreeningFacts facts, ScreeningPolicy policy, string? staffId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(policy);
        var rules = record.Findings.Where(f => f.Outcome == record.Outcome).Select(f => f.Rule).ToList();
        IIntegrationEvent? announced = record.Outcome switch
        {
            Outcomes.Admit => new PersonAdmitted(
                record.Id, record.HallId, record.PersonKey, record.PersonKind,
                facts.RegisteredDisabled ? "disabled" : facts.Age >= policy.ExemptFromAge ? "elderly" : null,
                record.Lane, record.PolicyVersion, record.CreatedAt, record.PersonKind == PersonKinds.Staff ? staffId : null),
            Outcomes.Isolate => new AbnormalPersonDetected(
                record.Id, record.HallId, record.PersonKey, record.PersonKind, rules, record.HealthCode, record.TemperatureC, record.Symptoms,
                record.Lane, record.PolicyVersion, record.CreatedAt),
            Outcomes.Deny => new ScreeningDenied(record.Id, record.HallId, record.PersonKey, record.PersonKind, rules, record.PolicyVersion, record.CreatedAt),
            _ => null,
        };
        return announced is null ? null : OutboxMessage.For(announced, now);
    }
}
