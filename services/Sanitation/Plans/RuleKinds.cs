namespace CivicHall.Sanitation.Plans;

/// <summary>How a rule schedules its tasks, as it appears on the wire.</summary>
public static class RuleKinds
{
    /// <summary>One task in each window of N hours (during opening hours, or around the clock).</summary>
    public const string Every = "every";

    /// <summary>N tasks spread evenly over the opening hours.</summary>
    public const string TimesPerDay = "timesPerDay";

    /// <summary>Tasks at fixed times relative to opening, closing or the clock.</summary>
    public const string At = "at";

    /// <summary>Airing: N windows over the opening hours, or fixed windows, each of at least N minutes.</summary>
    public const string Ventilation = "ventilation";

    /// <summary>A task before and one after each meeting registered in a meeting room.</summary>
    public const string AroundMeetings = "aroundMeetings";

    public static IReadOnlyList<string> All { get; } = [Every, TimesPerDay, At, Ventilation, AroundMeetings];
}

/// <summary>What is done, as it appears on the wire.</summary>
public static class Methods
{
    /// <summary>擦拭: wiping surfaces, terminals, handrails.</summary>
    public const string Wipe = "wipe";

    /// <summary>喷洒: spraying floors, bins, rooms.</summary>
    public const string Spray = "spray";

    /// <summary>紫外线: ultraviolet lamps.</summary>
    public const string Ultraviolet = "ultraviolet";

    /// <summary>开窗通风: airing (no agent).</summary>
    public const string Ventilate = "ventilate";

    public static IReadOnlyList<string> All { get; } = [Wipe, Spray, Ultraviolet, Ventilate];
}

/// <summary>Disinfectants of the seeds, with the unit their strength is measured in.</summary>
public static class Agents
{
    /// <summary>含氯消毒剂, strength in mg/L of available chlorine.</summary>
    public const string Chlorine = "chlorine";

    /// <summary>酒精, strength in % (75 %).</summary>
    public const string Alcohol = "alcohol";

    public const string MilligramsPerLitre = "mg/L";
    public const string Percent = "%";

    public static IReadOnlyList<string> All { get; } = [Chlorine, Alcohol];

    /// <summary>The unit an agent's strength is given in.</summary>
    public static string UnitOf(string agent) => agent == Alcohol ? Percent : MilligramsPerLitre;
}

/// <summary>What an <see cref="AnchoredTime"/> is relative to.</summary>
public static class Anchors
{
    public const string Opening = "opening";
    public const string Closing = "closing";
    public const string Clock = "clock";

    public static IReadOnlyList<string> All { get; } = [Opening, Closing, Clock];
}
