using System.Text.Json.Serialization;

namespace CivicHall.Incident.Containment;

/// <summary>
/// Where a containment action stands; stored and shown as its wire name (<see cref="ContainmentStates"/>). A zone
/// closure is <c>ordered</c> until its zone is <c>sanitized</c> (or <c>reopened</c> by a duty leader's override in
/// occupancy); a suspension or resumption is <c>requested</c>, then <c>approved</c> or <c>withdrawn</c>; an approved
/// suspension is <c>resumed</c> once its resumption is approved.
/// </summary>
public enum ContainmentState
{
    [JsonStringEnumMemberName(ContainmentStates.Requested)]
    Requested,

    [JsonStringEnumMemberName(ContainmentStates.Approved)]
    Approved,

    [JsonStringEnumMemberName(ContainmentStates.Withdrawn)]
    Withdrawn,

    [JsonStringEnumMemberName(ContainmentStates.Resumed)]
    Resumed,

    [JsonStringEnumMemberName(ContainmentStates.Ordered)]
    Ordered,

    [JsonStringEnumMemberName(ContainmentStates.Sanitized)]
    Sanitized,

    [JsonStringEnumMemberName(ContainmentStates.Reopened)]
    Reopened,
}

/// <summary>The wire names of <see cref="ContainmentState"/>.</summary>
public static class ContainmentStates
{
    public const string Requested = "requested";
    public const string Approved = "approved";
    public const string Withdrawn = "withdrawn";
    public const string Resumed = "resumed";
    public const string Ordered = "ordered";
    public const string Sanitized = "sanitized";
    public const string Reopened = "reopened";

    public static IReadOnlyList<string> All { get; } = [Requested, Approved, Withdrawn, Resumed, Ordered, Sanitized, Reopened];
}

/// <summary>The services that acknowledge a containment action.</summary>
public static class ContainmentParticipants
{
    /// <summary><c>ZoneClosed</c>, <c>OnSiteStateApplied</c>.</summary>
    public const string Occupancy = "occupancy";

    /// <summary><c>TerminalDisinfectionScheduled</c>.</summary>
    public const string Sanitation = "sanitation";

    /// <summary><c>ContainmentBookingsHandled</c>.</summary>
    public const string Booking = "booking";

    /// <summary>Who is to acknowledge an action of this kind once it takes effect.</summary>
    public static IReadOnlyList<string> Of(ContainmentKind kind) => kind == ContainmentKind.ZoneClosure ? [Occupancy, Sanitation, Booking] : [Occupancy, Booking];
}
