using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Sanitation.Meetings;

public static class MeetingValidation
{
    /// <summary>Every problem of the body by field; empty when it is well formed (the hall, room and plan are checked after).</summary>
    public static Dictionary<string, string[]> Validate(PutMeetingRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["A meeting is required."];
            return errors;
        }

        if (!Identifier.IsValid(request.ZoneId))
        {
            errors["zoneId"] = [request.ZoneId is null ? "The meeting room's zone id is required." : Identifier.Rule];
        }

        if (request.StartsAt is not { } starts)
        {
            errors["startsAt"] = ["Required."];
        }
        else if (starts.UtcDateTime.Year is < 2000 or > 2100)
        {
            errors["startsAt"] = ["A time from 2000 to 2100."];
        }

        if (request.EndsAt is null)
        {
            errors["endsAt"] = ["Required."];
        }
        else if (request.EndsAt.Value.UtcDateTime.Year is < 2000 or > 2100)
        {
            errors["endsAt"] = ["A time from 2000 to 2100."];
        }
        else if (request.StartsAt is { } start && request.EndsAt <= start)
        {
            errors["endsAt"] = ["After 'startsAt'."];
        }
        else if (request.StartsAt is { } from && request.EndsAt - from > TimeSpan.FromHours(24))
        {
            errors["endsAt"] = ["A meeting lasts at most 24 hours."];
        }

        if (request.ExpectedAttendees is not (>= 1 and <= 10_000))
        {
            errors["expectedAttendees"] = ["Required: from 1 to 10,000 people."];
        }

        if (request.Title is { Length: > 200 })
        {
            errors["title"] = ["At most 200 characters."];
        }

        return errors;
    }
}
