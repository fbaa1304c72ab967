namespace CivicHall.Sanitation.Plans;

/// <summary>
/// One version of a hall's disinfection plan (DESIGN §4 sanitation): the rules that make each day's
/// due tasks, the meeting-room limits and the grace before a task is overdue. Versions are never
/// edited; the one in force is the latest whose <see cref="EffectiveFrom"/> has come.
/// </summary>
public sealed class SanitationPlan
{
    public required string HallId { get; init; }

    public int Version { get; init; }

    public DateTimeOffset EffectiveFrom { get; init; }

    public List<SanitationRule> Rules { get; init; } = [];

    /// <summary>Minutes after a task's window before it counts as overdue (the overdue scan, still to come).</summary>
    public int GraceMinutes { get; init; }

    /// <summary>Minutes after a task became overdue (missed) before it is escalated to the duty leader.</summary>
    public int EscalateAfterMinutes { get; init; } = SanitationPlanDefaults.EscalateAfterMinutes;

    /// <summary>At most one escalation per hall in this many minutes; those held back are counted in the next.</summary>
    public int EscalationCooldownMinutes { get; init; } = SanitationPlanDefaults.EscalationCooldownMinutes;

    /// <summary>Meetings are refused above this many expected attendees when <see cref="EnforceMeetingLimits"/> (Qingpu: 20).</summary>
    public int MeetingMaxAttendees { get; init; }

    /// <summary>Meetings are refused when longer than this when <see cref="EnforceMeetingLimits"/> (Qingpu: 60).</summary>
    public int MeetingMaxMinutes { get; init; }

    public bool EnforceMeetingLimits { get; init; }

    /// <summary>The chlorine strength for the outside of medical-waste bags (1000–2000 mg/L), for the waste records to come.</summary>
    public Strength WasteBagStrength { get; init; } = SanitationPlanDefaults.WasteBagStrength;

    /// <summary>At most one <c>SuppliesLow</c> per item in this many minutes (not in the seeds: 6 hours).</summary>
    public int SuppliesLowCooldownMinutes { get; init; } = SanitationPlanDefaults.SuppliesLowCooldownMinutes;

    /// <summary>Every on-duty staff member receives at least one mask a day (seed 002 §三: 每天不少于一个一次性医用口罩).</summary>
    public bool DailyMaskPerStaff { get; init; } = true;

    /// <summary>The supply item whose issues count as the daily mask.</summary>
    public string MaskItemId { get; init; } = SanitationPlanDefaults.MaskItemId;

    public DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }
}
