using System.ComponentModel.DataAnnotations;
using CivicHall.Contracts.Occupancy.V1;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Occupancy.Floor;

/// <summary>
/// A person leaving through an exit, named by <c>idNumber</c> (as read at the gate) or <c>personKey</c> (as events carry it),
/// not both; <c>exitId</c>, chosen by the gate, makes a retry safe.
/// </summary>
public sealed record ExitRequest(
    Guid? ExitId,
    [StringLength(18, MinimumLength = 18), RegularExpression(ChineseIdNumber.Pattern)] string? IdNumber,
    [StringLength(64, MinimumLength = 4), RegularExpression(PersonKeys.Pattern)] string? PersonKey,
    [StringLength(64)] string? Gate);

public sealed record ExitResponse(Guid AdmissionId, string? ZoneId, int LetIn, int Inside, int QueueLength);

/// <summary>A person inside seen entering another zone by its device (or sent there by staff): <c>idNumber</c> or <c>personKey</c>, not both.</summary>
public sealed record MovementRequest(
    [StringLength(18, MinimumLength = 18), RegularExpression(ChineseIdNumber.Pattern)] string? IdNumber,
    [StringLength(64, MinimumLength = 4), RegularExpression(PersonKeys.Pattern)] string? PersonKey,
    [Required, Identifier] string? ToZoneId);

/// <summary>
/// The hall's floor now: totals, the door queue and the day's reception against the quota, and per
/// zone its count, capacity and state. <see cref="EstimatedWaitMinutes"/> is the queue's length over
/// the exits of the last 15 minutes; null when there were none to go by.
/// </summary>
public sealed record OccupancyView(
    string HallId,
    long Sequence,
    string OnSiteState,
    int Inside,
    int Capacity,
    int QueueLength,
    double? EstimatedWaitMinutes,
    int StaffPresent,
    int ReceivedToday,
    int? DailyQuota,
    int PolicyVersion,
    IReadOnlyList<ZoneView> Zones,
    DateTimeOffset At);

public sealed record ZoneView(string ZoneId, string Kind, string Name, int Count, int Capacity, string State, bool IsPublic, string? ClosedReason)
{
    public static ZoneView From(OccupancyZone z)
    {
        ArgumentNullException.ThrowIfNull(z);
        return new(z.ZoneId, z.Kind, z.Name, z.Count, z.Capacity, EnumText.Of(z.State), z.IsPublic, z.ClosedReason);
    }

    /// <summary>The zone in <c>OccupancyChanged</c>, with its running count of entries (not shown on the floor).</summary>
    public ZoneOccupancy ToEvent(long entered) => new(ZoneId, Kind, Count, Capacity, State, entered);
}

/// <summary>A page of the door queue, in the order people will be let in; <c>nextCursor</c> is null on the last page.</summary>
public sealed record QueuePage(string HallId, IReadOnlyList<QueueEntry> Entries, string? NextCursor);

/// <summary>A page of the people inside a zone, longest there first; <c>nextCursor</c> is null on the last page.</summary>
public sealed record ZoneOccupants(string HallId, string ZoneId, IReadOnlyList<Occupant> Occupants, string? NextCursor);

/// <summary>One place in the door queue, in the order people will be let in (<c>position</c> counts from the head of the whole queue).</summary>
public sealed record QueueEntry(int Position, int Ticket, Guid AdmissionId, string? PriorityGroup, DateTimeOffset QueuedAt);

/// <summary>A person inside a zone (to be moved out of a closed one).</summary>
public sealed record Occupant(Guid AdmissionId, string PersonKey, string PersonKind, DateTimeOffset Since);
