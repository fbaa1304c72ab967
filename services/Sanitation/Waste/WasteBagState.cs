using System.Text.Json.Serialization;

namespace CivicHall.Sanitation.Waste;

/// <summary>Where a medical-waste bag (涉疫垃圾) stands; stored and shown as its wire name (<see cref="WasteBagStates"/>).</summary>
public enum WasteBagState
{
    /// <summary>Filled and tied in a zone of the hall.</summary>
    [JsonStringEnumMemberName(WasteBagStates.Bagged)]
    Bagged,

    /// <summary>Double-bagged and sealed with a goose-neck tie (鹅颈结).</summary>
    [JsonStringEnumMemberName(WasteBagStates.Sealed)]
    Sealed,

    /// <summary>Its outside sprayed with chlorine-containing disinfectant of the plan's strength.</summary>
    [JsonStringEnumMemberName(WasteBagStates.Disinfected)]
    Disinfected,

    /// <summary>Handed over to a licensed collector with a handover number (联单号): the hall no longer holds it.</summary>
    [JsonStringEnumMemberName(WasteBagStates.HandedOver)]
    HandedOver,
}

/// <summary>The wire names of <see cref="WasteBagState"/> and the one order a bag goes through them.</summary>
public static class WasteBagStates
{
    public const string Bagged = "bagged";
    public const string Sealed = "sealed";
    public const string Disinfected = "disinfected";
    public const string HandedOver = "handed_over";

    public static IReadOnlyList<string> All { get; } = [Bagged, Sealed, Disinfected, HandedOver];
}

/// <summary>A step of a bag: the call that takes it (the path segment) from one state to the next.</summary>
public enum WasteStep
{
    [JsonStringEnumMemberName(WasteSteps.Seal)]
    Seal,

    [JsonStringEnumMemberName(WasteSteps.Disinfected)]
    Disinfect,

    [JsonStringEnumMemberName(WasteSteps.Handover)]
    Handover,
}

/// <summary>The steps' path segments and the order rule: each step leaves exactly one state for the next.</summary>
public static class WasteSteps
{
    public const string Seal = "seal";
    public const string Disinfected = "disinfected";
    public const string Handover = "handover";

    /// <summary>The state a step may start from.</summary>
    public static WasteBagState From(WasteStep step) => step switch
    {
        WasteStep.Seal => WasteBagState.Bagged,
        WasteStep.Disinfect => WasteBagState.Sealed,
        _ => WasteBagState.Disinfected,
    };

    /// <summary>The state a step leads to.</summary>
    public static WasteBagState To(WasteStep step) => step switch
    {
        WasteStep.Seal => WasteBagState.Sealed,
        WasteStep.Disinfect => WasteBagState.Disinfected,
        _ => WasteBagState.HandedOver,
    };

    /// <summary>The step a bag in this state may take next; none once handed over.</summary>
    public static WasteStep? Next(WasteBagState state) => state switch
    {
        WasteBagState.Bagged => WasteStep.Seal,
        WasteBagState.Sealed => WasteStep.Disinfect,
        WasteBagState.Disinfected => WasteStep.Handover,
        _ => null,
    };

    /// <summary>The step's path segment (<c>seal</c>, <c>disinfected</c>, <c>handover</c>).</summary>
    public static string Name(WasteStep step) => EnumText.Of(step);
}
