using CivicHall.Contracts.Halls.V1;

namespace CivicHall.Sanitation.Plans;

/// <summary>
/// The rules of the seeds' prevention plans (README "Sanitation" says which seed each comes from), used
/// when a version leaves them out and before a hall's first version (version 0).
/// </summary>
public static class SanitationPlanDefaults
{
    public const int GraceMinutes = 30;

    /// <summary>Not in the seeds: a missed task goes to the duty leader 30 minutes after it became overdue.</summary>
    public const int EscalateAfterMinutes = 30;

    /// <summary>Not in the seeds: at most one escalation per hall every 30 minutes.</summary>
    public const int EscalationCooldownMinutes = 30;

    /// <summary>Not in the seeds: at most one <c>SuppliesLow</c> per item every 6 hours.</summary>
    public const int SuppliesLowCooldownMinutes = 360;

    /// <summary>The supply item that counts as the daily mask (seed 002 §三), unless the plan names another.</summary>
    public const string MaskItemId = "masks";

    /// <summary>Qingpu (seed 000): meetings of at most 20 people.</summary>
    public const int MeetingMaxAttendees = 20;

    /// <summary>Qingpu (seed 000): meetings of at most 60 minutes.</summary>
    public const int MeetingMaxMinutes = 60;

    /// <summary>含氯消毒剂 500 mg/L for surfaces (seed 002). The seeds name one strength; a hall widens the range in its plan.</summary>
    public static Strength Chlorine { get; } = new(500m, 500m, Agents.MilligramsPerLitre);

    /// <summary>75 % alcohol for terminals and hands (seed 002).</summary>
    public static Strength Alcohol { get; } = new(75m, 75m, Agents.Percent);

    /// <summary>1000–2000 mg/L chlorine on the outside of yellow medical-waste bags (seed 000 §七).</summary>
    public static Strength WasteBagStrength { get; } = new(1000m, 2000m, Agents.MilligramsPerLitre);

    private static readonly string[] PublicAreas = [ZoneKinds.ServiceFloor, ZoneKinds.WaitingArea, ZoneKinds.EntranceQueue, ZoneKinds.SecurityCheck];

    public static IReadOnlyList<SanitationRule> Rules { get; } =
    [
        // Seed 000 §四.4: reception and waiting areas, tables, chairs and sofas, at least 3 times a day.
        new("public-areas", RuleKinds.TimesPerDay, PublicAreas, null, "surfaces", Methods.Wipe, Agents.Chlorine, Chlorine, TimesPerDay: 3),
        // Seed 000 §四.4: stair handrails and door handles at least 4 times a day.
        new("handrails-door-handles", RuleKinds.TimesPerDay, [ZoneKinds.ServiceFloor, ZoneKinds.WaitingArea], null, "handrails_door_handles",
            Methods.Wipe, Agents.Chlorine, Chlorine, TimesPerDay: 4),
        // Seed 000 §四.4: covered bins, 4 times a day, where visitors throw things away.
        new("covered-bins", RuleKinds.TimesPerDay, [ZoneKinds.ServiceFloor, ZoneKinds.WaitingArea, ZoneKinds.Restroom], null, "covered_bins",
            Methods.Spray, Agents.Chlorine, Chlorine, TimesPerDay: 4),
        // Seed 000 §四.4: restroom basins, floors and toilets at least 4 times a day.
        new("restrooms", RuleKinds.TimesPerDay, [ZoneKinds.Restroom], null, "basins_floors_toilets", Methods.Spray, Agents.Chlorine, Chlorine, TimesPerDay: 4),
        // Seed 000 §一.6: the canteen at least twice a day.
        new("canteen", RuleKinds.TimesPerDay, [ZoneKinds.Canteen], null, "tables_chairs", Methods.Wipe, Agents.Chlorine, Chlorine, TimesPerDay: 2),
        // Seed 000 §四.2: offices at least 3 times a day.
        new("offices", RuleKinds.TimesPerDay, [ZoneKinds.Office], null, "surfaces", Methods.Wipe, Agents.Chlorine, Chlorine, TimesPerDay: 3),
        // Seed 000 §四.4 (and seed 001): self-service terminals at least every 2 hours, with 75 % alcohol (seed 002).
        new("self-service-terminals", RuleKinds.Every, [ZoneKinds.SelfService], null, "terminals", Methods.Wipe, Agents.Alcohol, Alcohol, EveryHours: 2),
        // Seed 000 §一.3: the temporary isolation area every 2 hours.
        new("isolation", RuleKinds.Every, [ZoneKinds.Isolation], null, "room", Methods.Spray, Agents.Chlorine, Chlorine, EveryHours: 2,
            AroundTheClockWhileOccupied: true),
        // Seed 000 §四.1: the hall twice before opening, and at noon and after closing (self-service area and entrances included).
        new("hall-full", RuleKinds.At, [ZoneKinds.ServiceFloor, ZoneKinds.WaitingArea, ZoneKinds.SelfService, ZoneKinds.EntranceQueue], null, "whole_area",
            Methods.Spray, Agents.Chlorine, Chlorine,
            Times: [new(Anchors.Opening, -120), new(Anchors.Opening, -60), new(Anchors.Clock, Time: new TimeOnly(12, 0)), new(Anchors.Closing, 0)],
            WindowMinutes: 30),
        // Seed 000 §四.2: offices aired at least twice a day, at least 30 minutes each.
        new("office-ventilation", RuleKinds.Ventilation, [ZoneKinds.Office], null, "windows", Methods.Ventilate, null, null, TimesPerDay: 2, MinMinutes: 30),
        // Seed 002 §4: the public areas aired 8:00–8:30, 12:00–14:00 and 17:30–18:00.
        new("public-ventilation", RuleKinds.Ventilation, [ZoneKinds.ServiceFloor, ZoneKinds.WaitingArea], null, "windows", Methods.Ventilate, null, null,
            Windows: [new(new TimeOnly(8, 0), new TimeOnly(8, 30)), new(new TimeOnly(12, 0), new TimeOnly(14, 0)), new(new TimeOnly(17, 30), new TimeOnly(18, 0))]),
        // Seed 000 §四.3: meeting rooms 30 minutes before each meeting and after it.
        new("meeting-rooms", RuleKinds.AroundMeetings, [ZoneKinds.MeetingRoom], null, "tables_chairs", Methods.Wipe, Agents.Chlorine, Chlorine,
            MinutesBefore: 30, MinutesAfter: 30),
    ];

    /// <summary>Version 0: what a hall runs under before its first version.</summary>
    public static SanitationPlan For(string hallId) => new()
    {
        HallId = hallId,
        Version = 0,
        EffectiveFrom = DateTimeOffset.MinValue,
        Rules = [.. Rules],
        GraceMinutes = GraceMinutes,
        EscalateAfterMinutes = EscalateAfterMinutes,
        EscalationCooldownMinutes = EscalationCooldownMinutes,
        MeetingMaxAttendees = MeetingMaxAttendees,
        MeetingMaxMinutes = MeetingMaxMinutes,
        EnforceMeetingLimits = true,
        WasteBagStrength = WasteBagStrength,
        SuppliesLowCooldownMinutes = SuppliesLowCooldownMinutes,
        DailyMaskPerStaff = true,
        MaskItemId = MaskItemId,
        CreatedAt = DateTimeOffset.MinValue,
        CreatedBy = "defaults",
    };
}
