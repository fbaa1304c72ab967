using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CivicHall.Contracts.Halls.V1;

namespace CivicHall.Sanitation.Plans;

/// <summary>
/// A new version; every field left out takes its default (<c>{}</c> is the seeds' plan). <c>rules</c>, when
/// given, replaces the default rules whole: a plan says everything a hall does.
/// </summary>
public sealed record PutSanitationPlanRequest(
    DateTimeOffset? EffectiveFrom,
    [MaxLength(100)] IReadOnlyList<SanitationRuleRequest?>? Rules,
    [Range(0, 1440), Description("Minutes after a task's window before it is overdue.")] int? GraceMinutes,
    [Range(1, 1440), Description("Minutes after a task became overdue before it is escalated to the duty leader.")] int? EscalateAfterMinutes,
    [Range(0, 1440), Description("At most one escalation per hall in this many minutes; the ones held back are counted in the next.")] int? EscalationCooldownMinutes,
    [Range(1, 1000)] int? MeetingMaxAttendees,
    [Range(1, 1440)] int? MeetingMaxMinutes,
    [Description("Refuse meetings above the attendee cap or longer than the limit.")] bool? EnforceMeetingLimits,
    StrengthRequest? WasteBagStrength,
    [Range(0, 10080), Description("At most one SuppliesLow per item in this many minutes (360).")] int? SuppliesLowCooldownMinutes,
    [Description("Every on-duty staff member receives at least one mask a day (true).")] bool? DailyMaskPerStaff,
    [Identifier, Description("The supply item whose issues count as the daily mask (masks).")] string? MaskItemId);

/// <summary>One rule; the fields after <c>strength</c> belong to one kind each (see the kinds).</summary>
public sealed record SanitationRuleRequest(
    [Required, Identifier] string? RuleId,
    [Required, AllowedValues(RuleKinds.Every, RuleKinds.TimesPerDay, RuleKinds.At, RuleKinds.Ventilation, RuleKinds.AroundMeetings)] string? Kind,
    [Required, MinLength(1), MaxLength(12), Items(
        ZoneKinds.EntranceQueue, ZoneKinds.SecurityCheck, ZoneKinds.ServiceFloor, ZoneKinds.WaitingArea, ZoneKinds.SelfService, ZoneKinds.MeetingRoom,
        ZoneKinds.Canteen, ZoneKinds.Office, ZoneKinds.Restroom, ZoneKinds.Isolation, ZoneKinds.CourierPoint, ZoneKinds.Parking)] IReadOnlyList<string?>? ZoneKinds,
    [MaxLength(100), Items(Identifier = true)] IReadOnlyList<string?>? ZoneIds,
    [Identifier, Description("What in the zone: surfaces, handrails_door_handles, covered_bins, terminals…")] string? Target,
    [Required, AllowedValues(Methods.Wipe, Methods.Spray, Methods.Ultraviolet, Methods.Ventilate)] string? Method,
    [AllowedValues(Agents.Chlorine, Agents.Alcohol)] string? Agent,
    StrengthRequest? Strength,
    [Range(1, 24)] int? EveryHours,
    bool? AroundTheClockWhileOccupied,
    [Range(1, 48)] int? TimesPerDay,
    [MaxLength(24)] IReadOnlyList<AnchoredTimeRequest?>? Times,
    [Range(1, 720)] int? WindowMinutes,
    [MaxLength(12)] IReadOnlyList<ClockWindowRequest?>? Windows,
    [Range(1, 720)] int? MinMinutes,
    [Range(0, 240)] int? MinutesBefore,
    [Range(0, 240)] int? MinutesAfter,
    [Range(1, 100_000), Description("For every and timesPerDay: after this many visitors in a zone since the rule's last record there, its next task starts now.")]
    int? BringForwardAfterVisitors);

/// <summary>An allowed strength; <c>unit</c> must be the agent's (<c>mg/L</c> for chlorine, <c>%</c> for alcohol).</summary>
public sealed record StrengthRequest(
    [Required, Range(0.0, 100_000.0, MinimumIsExclusive = true)] decimal? Min,
    [Required, Range(0.0, 100_000.0, MinimumIsExclusive = true)] decimal? Max,
    [Required, AllowedValues(Agents.MilligramsPerLitre, Agents.Percent)] string? Unit);

/// <summary><c>opening</c>/<c>closing</c> with <c>offsetMinutes</c> (negative: before), or <c>clock</c> with <c>time</c>.</summary>
public sealed record AnchoredTimeRequest(
    [Required, AllowedValues(Anchors.Opening, Anchors.Closing, Anchors.Clock)] string? Anchor,
    [Range(-720, 720)] int? OffsetMinutes,
    [StringLength(5), RegularExpression(ClockTimes.Pattern), Description("Local time, HH:mm.")] string? Time);

/// <summary>A fixed local window, <c>from</c> before <c>to</c> on the same day (HH:mm).</summary>
public sealed record ClockWindowRequest(
    [Required, StringLength(5), RegularExpression(ClockTimes.Pattern)] string? From,
    [Required, StringLength(5), RegularExpression(ClockTimes.Pattern)] string? To);

/// <summary>Local times as the API writes them, like the halls' opening hours: <c>HH:mm</c>.</summary>
public static class ClockTimes
{
    public const string Pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    public static TimeOnly? Parse(string? value) =>
        TimeOnly.TryParseExact(value, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time)
            ? time
            : null;

    public static string Format(TimeOnly time) => time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record SanitationPlanResponse(
    string HallId,
    int Version,
    DateTimeOffset EffectiveFrom,
    IReadOnlyList<SanitationRuleView> Rules,
    int GraceMinutes,
    int EscalateAfterMinutes,
    int EscalationCooldownMinutes,
    int MeetingMaxAttendees,
    int MeetingMaxMinutes,
    bool EnforceMeetingLimits,
    Strength WasteBagStrength,
    int SuppliesLowCooldownMinutes,
    bool DailyMaskPerStaff,
    string MaskItemId,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public static SanitationPlanResponse From(SanitationPlan p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.HallId, p.Version, p.EffectiveFrom, [.. p.Rules.Select(SanitationRuleView.From)], p.GraceMinutes, p.EscalateAfterMinutes, p.EscalationCooldownMinutes, p.MeetingMaxAttendees, p.MeetingMaxMinutes,
            p.EnforceMeetingLimits, p.WasteBagStrength, p.SuppliesLowCooldownMinutes, p.DailyMaskPerStaff, p.MaskItemId, p.CreatedAt, p.CreatedBy);
    }
}

/// <summary>The version in force (version 0, the defaults, before the first) and those that take effect later.</summary>
public sealed record SanitationPlanView(SanitationPlanResponse Current, IReadOnlyList<SanitationPlanResponse> Upcoming);

/// <summary>A rule as the API writes it: like <see cref="SanitationRule"/>, with local times as <c>HH:mm</c>, the way requests give them.</summary>
public sealed record SanitationRuleView(
    string RuleId,
    string Kind,
    IReadOnlyList<string> ZoneKinds,
    IReadOnlyList<string>? ZoneIds,
    string? Target,
    string Method,
    string? Agent,
    Strength? Strength,
    int? EveryHours,
    bool AroundTheClockWhileOccupied,
    int? TimesPerDay,
    IReadOnlyList<AnchoredTimeView>? Times,
    int? WindowMinutes,
    IReadOnlyList<ClockWindowView>? Windows,
    int? MinMinutes,
    int? MinutesBefore,
    int? MinutesAfter,
    int? BringForwardAfterVisitors)
{
    public static SanitationRuleView From(SanitationRule r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.RuleId, r.Kind, r.ZoneKinds, r.ZoneIds, r.Target, r.Method, r.Agent, r.Strength, r.EveryHours, r.AroundTheClockWhileOccupied,
            r.TimesPerDay, r.Times?.Select(t => new AnchoredTimeView(t.Anchor, t.OffsetMinutes, t.Time is { } time ? ClockTimes.Format(time) : null)).ToList(),
            r.WindowMinutes, r.Windows?.Select(w => new ClockWindowView(ClockTimes.Format(w.From), ClockTimes.Format(w.To))).ToList(),
            r.MinMinutes, r.MinutesBefore, r.MinutesAfter, r.BringForwardAfterVisitors);
    }
}

/// <summary><c>opening</c>/<c>closing</c> with <c>offsetMinutes</c>, or <c>clock</c> with <c>time</c> (HH:mm).</summary>
public sealed record AnchoredTimeView(string Anchor, int? OffsetMinutes, [property: Description("Local time, HH:mm.")] string? Time);

/// <summary>A fixed local window, HH:mm to HH:mm.</summary>
public sealed record ClockWindowView(string From, string To);
