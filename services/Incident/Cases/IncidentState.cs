using System.Text.Json.Serialization;

namespace CivicHall.Incident.Cases;

/// <summary>Where a case stands; stored and shown as its wire name (<see cref="IncidentStates"/>).</summary>
public enum IncidentState
{
    [JsonStringEnumMemberName(IncidentStates.Opened)]
    Opened,

    /// <summary>The person is in the hall's isolation zone, escorted there.</summary>
    [JsonStringEnumMemberName(IncidentStates.Isolated)]
    Isolated,

    /// <summary>Reported to the hall's leadership group and the person's unit or street.</summary>
    [JsonStringEnumMemberName(IncidentStates.Reported)]
    Reported,

    /// <summary>Handed over: to hospital, to home medical observation, or released.</summary>
    [JsonStringEnumMemberName(IncidentStates.Transferred)]
    Transferred,

    [JsonStringEnumMemberName(IncidentStates.Closed)]
    Closed,
}

/// <summary>
/// The wire names of <see cref="IncidentState"/> and the order a case goes through them. A step is named by
/// the state it reaches (<c>POST …/steps/isolated</c> moves an <c>opened</c> case to <c>isolated</c>). A
/// <c>case_notice</c>'s person is not in the hall: it skips isolation and transfer (<c>opened → reported → closed</c>).
/// </summary>
public static class IncidentStates
{
    public const string Opened = "opened";
    public const string Isolated = "isolated";
    public const string Reported = "reported";
    public const string Transferred = "transferred";
    public const string Closed = "closed";

    public static IReadOnlyList<string> All { get; } = [Opened, Isolated, Reported, Transferred, Closed];

    /// <summary>The state a step to <paramref name="to"/> starts from; null for <c>opened</c>, which no step reaches.</summary>
    public static IncidentState? Before(IncidentState to) => to switch
    {
        IncidentState.Isolated => IncidentState.Opened,
        IncidentState.Reported => IncidentState.Isolated,
        IncidentState.Transferred => IncidentState.Reported,
        IncidentState.Closed => IncidentState.Transferred,
        _ => null,
    };

    /// <summary>The state a step to <paramref name="to"/> starts from for a case of <paramref name="kind"/>; null when no step reaches it.</summary>
    public static IncidentState? Before(IncidentKind kind, IncidentState to) => kind == IncidentKind.CaseNotice
        ? to switch
        {
            IncidentState.Reported => IncidentState.Opened,
            IncidentState.Closed => IncidentState.Reported,
            _ => null,
        }
        : Before(to);

    /// <summary>The steps a case of <paramref name="kind"/> in <paramref name="state"/> may take next (none once closed).</summary>
    public static IReadOnlyList<string> NextSteps(IncidentKind kind, IncidentState state) => kind == IncidentKind.CaseNotice
        ? state switch
        {
            IncidentState.Opened => [Reported],
            IncidentState.Reported => [Closed],
            _ => [],
        }
        : NextSteps(state);

    /// <summary>The steps a case in <paramref name="state"/> may take next (none once closed).</summary>
    public static IReadOnlyList<string> NextSteps(IncidentState state) => state switch
    {
        IncidentState.Opened => [Isolated],
        IncidentState.Isolated => [Reported],
        IncidentState.Reported => [Transferred],
        IncidentState.Transferred => [Closed],
        _ => [],
    };
}

/// <summary>Where a transferred person went.</summary>
public static class TransferDestinations
{
    /// <summary>To the designated hospital (by 120 or the hospital's own transport).</summary>
    public const string Hospital = "hospital";

    /// <summary>Home medical observation (居家医学观察).</summary>
    public const string HomeObservation = "home_observation";

    /// <summary>Released: the suspicion did not hold (e.g. a normal retest).</summary>
    public const string Released = "released";

    public static IReadOnlyList<string> All { get; } = [Hospital, HomeObservation, Released];
}
