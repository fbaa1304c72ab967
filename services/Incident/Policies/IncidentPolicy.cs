namespace CivicHall.Incident.Policies;

/// <summary>
/// One version of a hall's incident deadlines (DESIGN §4 incident, "第一时间"). Versions are never changed: a new one
/// is added with the time it takes effect, and a case keeps to the version in force when it opened.
/// </summary>
public sealed class IncidentPolicy
{
    public required string HallId { get; init; }

    /// <summary>1, 2, …; 0 for the defaults of a hall without a policy.</summary>
    public int Version { get; init; }

    public DateTimeOffset EffectiveFrom { get; init; }

    /// <summary>Minutes from opening by which the person is to be in the isolation zone.</summary>
    public int IsolatedWithinMinutes { get; init; }

    /// <summary>Minutes from opening by which the case is to be reported to the leadership group.</summary>
    public int ReportedWithinMinutes { get; init; }

    /// <summary>Minutes from opening by which the designated hospital or 120 is to be notified (abnormal readings, staff symptoms).</summary>
    public int HospitalNotifiedWithinMinutes { get; init; }

    /// <summary>Minutes between the levels of the chain duty leader → street office → CDC after a missed deadline.</summary>
    public int EscalationIntervalMinutes { get; init; }

    /// <summary>Days a closed case keeps its person's records held past their retention.</summary>
    public int RecordsHoldDays { get; init; }

    /// <summary>Days before the case's visit that contact tracing looks back (the exposure window's start).</summary>
    public int TracingDaysBefore { get; init; } = IncidentPolicyDefaults.TracingDaysBefore;

    /// <summary>Minutes each of the case's stays is widened by, on both sides, when tracing contacts.</summary>
    public int TracingBufferMinutes { get; init; } = IncidentPolicyDefaults.TracingBufferMinutes;

    /// <summary>Minutes either side of the case's screening within which someone screened in the same lane is an entrance contact.</summary>
    public int EntranceWindowMinutes { get; init; } = IncidentPolicyDefaults.EntranceWindowMinutes;

    public DateTimeOffset CreatedAt { get; init; }

    public string CreatedBy { get; init; } = string.Empty;

    /// <summary>The defaults, version 0: what a hall without a policy keeps to.</summary>
    public static IncidentPolicy Defaults(string hallId) => new()
    {
        HallId = hallId,
        Version = 0,
        EffectiveFrom = DateTimeOffset.MinValue,
        IsolatedWithinMinutes = IncidentPolicyDefaults.IsolatedWithinMinutes,
        ReportedWithinMinutes = IncidentPolicyDefaults.ReportedWithinMinutes,
        HospitalNotifiedWithinMinutes = IncidentPolicyDefaults.HospitalNotifiedWithinMinutes,
        EscalationIntervalMinutes = IncidentPolicyDefaults.EscalationIntervalMinutes,
        RecordsHoldDays = IncidentPolicyDefaults.RecordsHoldDays,
        TracingDaysBefore = IncidentPolicyDefaults.TracingDaysBefore,
        TracingBufferMinutes = IncidentPolicyDefaults.TracingBufferMinutes,
        EntranceWindowMinutes = IncidentPolicyDefaults.EntranceWindowMinutes,
        CreatedBy = "defaults",
    };
}

/// <summary>The deadlines of a hall without a policy (issue 19, DESIGN §4).</summary>
public static class IncidentPolicyDefaults
{
    public const int IsolatedWithinMinutes = 10;
    public const int ReportedWithinMinutes = 30;
    public const int HospitalNotifiedWithinMinutes = 60;
    public const int EscalationIntervalMinutes = 10;

    /// <summary>
    /// Two 14-day incubation periods: a contact traced late (a notice comes days after the visit) still finds the
    /// person's screening and occupancy records.
    /// </summary>
    public const int RecordsHoldDays = 28;

    /// <summary>Contact tracing looks back two days before the case's visit (issue 20).</summary>
    public const int TracingDaysBefore = 2;

    /// <summary>Each of the case's stays widened by 15 minutes on both sides.</summary>
    public const int TracingBufferMinutes = 15;

    /// <summary>Screened in the same lane within 10 minutes of the case.</summary>
    public const int EntranceWindowMinutes = 10;
}
