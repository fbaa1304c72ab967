using System.ComponentModel.DataAnnotations;

namespace CivicHall.Incident.Policies;

/// <summary>A new version of a hall's incident policy; omitted values take the defaults (`{}` is valid).</summary>
public sealed record PutIncidentPolicyRequest(
    DateTimeOffset? EffectiveFrom,
    [Range(1, 240)] int? IsolatedWithinMinutes,
    [Range(1, 1440)] int? ReportedWithinMinutes,
    [Range(1, 1440)] int? HospitalNotifiedWithinMinutes,
    [Range(1, 240)] int? EscalationIntervalMinutes,
    [Range(1, 365)] int? RecordsHoldDays,
    [Range(0, 14)] int? TracingDaysBefore = null,
    [Range(0, 120)] int? TracingBufferMinutes = null,
    [Range(0, 60)] int? EntranceWindowMinutes = null);

public sealed record IncidentPolicyResponse(
    string HallId,
    int Version,
    DateTimeOffset EffectiveFrom,
    int IsolatedWithinMinutes,
    int ReportedWithinMinutes,
    int HospitalNotifiedWithinMinutes,
    int EscalationIntervalMinutes,
    int RecordsHoldDays,
    int TracingDaysBefore,
    int TracingBufferMinutes,
    int EntranceWindowMinutes,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public static IncidentPolicyResponse From(IncidentPolicy p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.HallId, p.Version, p.EffectiveFrom, p.IsolatedWithinMinutes, p.ReportedWithinMinutes, p.HospitalNotifiedWithinMinutes,
            p.EscalationIntervalMinutes, p.RecordsHoldDays, p.TracingDaysBefore, p.TracingBufferMinutes, p.EntranceWindowMinutes, p.CreatedAt, p.CreatedBy);
    }
}

/// <summary>
/// The version in force at the instant asked for (null: the hall keeps to the defaults, shown in <c>Defaults</c>),
/// the versions that take effect later, and every version of the hall, oldest first.
/// </summary>
public sealed record IncidentPolicyView(
    IncidentPolicyResponse? Current,
    IReadOnlyList<IncidentPolicyResponse> Upcoming,
    IReadOnlyList<IncidentPolicyResponse> Versions,
    IncidentPolicyResponse Defaults);
