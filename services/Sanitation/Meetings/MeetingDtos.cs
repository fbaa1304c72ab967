using System.ComponentModel.DataAnnotations;

namespace CivicHall.Sanitation.Meetings;

/// <summary>A meeting in a meeting room of the hall: the room disinfected before and after it follows from the plan.</summary>
public sealed record PutMeetingRequest(
    [Required, Identifier] string? ZoneId,
    [Required] DateTimeOffset? StartsAt,
    [Required] DateTimeOffset? EndsAt,
    [Required, Range(1, 10_000)] int? ExpectedAttendees,
    [StringLength(200)] string? Title);

public sealed record MeetingResponse(
    string HallId,
    string MeetingId,
    string ZoneId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int ExpectedAttendees,
    string? Title,
    [AllowedValues(MeetingStatuses.Scheduled, MeetingStatuses.Cancelled)] string Status,
    DateTimeOffset UpdatedAt)
{
    public static MeetingResponse From(Meeting m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.HallId, m.MeetingId, m.ZoneId, m.StartsAt.ToUniversalTime(), m.EndsAt.ToUniversalTime(), m.ExpectedAttendees, m.Title,
            EnumText.Of(m.Status), m.UpdatedAt.ToUniversalTime());
    }
}

/// <summary>A page of a hall's meetings that start on a local date, in start order, cancelled ones included; <c>nextCursor</c> is null on the last page.</summary>
public sealed record MeetingList(string HallId, DateOnly Date, IReadOnlyList<MeetingResponse> Meetings, string? NextCursor);
