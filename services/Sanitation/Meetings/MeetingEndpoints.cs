using System.Security.Claims;
using CivicHall.Contracts.Halls.V1;
using CivicHall.Sanitation.Plans;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Sanitation.Meetings;

/// <summary><c>/api/v1/halls/{hallId}/sanitation/meetings</c>: meetings whose rooms are disinfected before and after them.</summary>
public static class MeetingEndpoints
{
    public static IEndpointRouteBuilder MapMeetingEndpoints(this IEndpointRouteBuilder app)
    {
        var meetings = app.MapGroup("/api/v1/halls/{hallId}/sanitation/meetings").WithTags("Sanitation meetings");
        meetings.MapGet("/", ListMeetings).WithName("ListSanitationMeetings")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader, Roles.Ops))
            .WithSummary("List a hall's meetings of a day")
            .WithDescription("The meetings that start on `date` (the hall's local date; today when omitted), in start order, cancelled ones included.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown);
        meetings.MapPut("/{meetingId}", PutMeeting).WithName("PutSanitationMeeting")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .WithSummary("Register or change a meeting")
            .WithDescription(
                "Registers the meeting (201) or replaces it (200; a cancelled one is scheduled again). The room must be a meeting room of the hall; " +
                "when the plan in force at its start enforces meeting limits, more attendees than `meetingMaxAttendees` (20) or a meeting longer than " +
                "`meetingMaxMinutes` (60) is refused, and so is a meeting overlapping another scheduled one in the room (409 `meeting_overlaps`). The days it touches get their tasks before and after it at once.")
            .WithRequestExample("""{"zoneId": "meeting-a", "startsAt": "2026-12-01T02:00:00+00:00", "endsAt": "2026-12-01T03:00:00+00:00", "expectedAttendees": 12, "title": "防控工作例会"}""")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown, SanitationProblems.ZoneUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, SanitationProblems.MeetingOverlaps, ProblemCodes.ConcurrentUpdate)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, SanitationProblems.NotAMeetingRoom, SanitationProblems.MeetingTooLarge, SanitationProblems.MeetingTooLong);
        meetings.MapDelete("/{meetingId}", CancelMeeting).WithName("CancelSanitationMeeting")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .WithSummary("Cancel a meeting")
            .WithDescription("Marks the meeting cancelled (again: no change); its tasks still due are skipped with the reason `meeting_cancelled`.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown, SanitationProblems.MeetingUnknown);
        return app;
    }

    private static async Task<Results<Ok<MeetingList>, ProblemHttpResult>> ListMeetings(
        string hallId, DateOnly? date, SanitationDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!SanitationHall.CheckDate(errors, date))
        {
            return Problem.Validation(errors);
        }

        if (await db.Halls.FindKnownAsync(hallId, cancellationToken) is not { } known)
        {
            return SanitationPlanEndpoints.HallUnknown(hallId);
        }

        var hall = SanitationHall.From(known);
        var day = date ?? hall.DateAt(timeProvider.GetUtcNow());
        var from = hall.At(day, TimeOnly.MinValue);
        var to = hall.At(day.AddDays(1), TimeOnly.MinValue);
        var list = await db.Meetings.AsNoTracking()
            .Where(m => m.HallId == hallId && m.StartsAt >= from && m.StartsAt < to)
            .OrderBy(m => m.StartsAt).ThenBy(m => m.MeetingId)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new MeetingList(hallId, day, [.. list.Select(MeetingResponse.From)]));
    }

    private static async Task<Results<Created<MeetingResponse>, Ok<MeetingResponse>, ProblemHttpResult>> PutMeeting(
        string hallId,
        string meetingId,
        PutMeetingRequest? request,
        ClaimsPrincipal user,
        SanitationDbContext db,
        IMeetingDaysChangedHandler days,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var errors = MeetingValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (await db.Halls.FindKnownAsync(hallId, cancellationToken) is not { } known)
        {
            return SanitationPlanEndpoints.HallUnknown(hallId);
        }

        var zone = known.Zones.FirstOrDefault(z => z.ZoneId == request!.ZoneId);
        if (zone is null)
        {
            return Problem.Of(StatusCodes.Status404NotFound, SanitationProblems.ZoneUnknown, $"Hall '{hallId}' has no zone '{request!.ZoneId}'.");
        }

        if (zone.Kind != ZoneKinds.MeetingRoom)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, SanitationProblems.NotAMeetingRoom, $"Zone '{zone.ZoneId}' is a {zone.Kind}, not a meeting room.");
        }

        var startsAt = request!.StartsAt!.Value.ToUniversalTime();
        var endsAt = request.EndsAt!.Value.ToUniversalTime();
        var plan = await SanitationPlans.InForceAsync(db, hallId, startsAt, cancellationToken);
        if (plan.EnforceMeetingLimits && request.ExpectedAttendees > plan.MeetingMaxAttendees)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, SanitationProblems.MeetingTooLarge,
                $"The plan allows at most {plan.MeetingMaxAttendees} people in a meeting.", new Dictionary<string, object?> { ["maxAttendees"] = plan.MeetingMaxAttendees });
        }

        if (plan.EnforceMeetingLimits && (endsAt - startsAt).TotalMinutes > plan.MeetingMaxMinutes)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, SanitationProblems.MeetingTooLong,
                $"The plan allows meetings of at most {plan.MeetingMaxMinutes} minutes.", new Dictionary<string, object?> { ["maxMinutes"] = plan.MeetingMaxMinutes });
        }

        var now = timeProvider.GetUtcNow();
        // One room's meetings are checked and written one at a time (a lock per room), so two overlapping ones cannot both pass.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var roomKey = $"sanitation-meeting-room:{hallId}:{zone.ZoneId}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({roomKey}, 0))", cancellationToken);
        var overlapping = await db.Meetings.AsNoTracking()
            .Where(m => m.HallId == hallId && m.ZoneId == zone.ZoneId && m.MeetingId != meetingId && m.Status == MeetingStatus.Scheduled
                && m.StartsAt < endsAt && startsAt < m.EndsAt)
            .OrderBy(m => m.StartsAt).Select(m => m.MeetingId).FirstOrDefaultAsync(cancellationToken);
        if (overlapping is not null)
        {
            return Problem.Of(StatusCodes.Status409Conflict, SanitationProblems.MeetingOverlaps,
                $"Meeting '{overlapping}' is in room '{zone.ZoneId}' at that time.", new Dictionary<string, object?> { ["meetingId"] = overlapping });
        }

        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.HallId == hallId && m.MeetingId == meetingId, cancellationToken);
        var created = meeting is null;
        var hall = SanitationHall.From(known);
        var touched = new HashSet<DateOnly> { hall.DateAt(startsAt) };
        if (meeting is null)
        {
            meeting = new Meeting { HallId = hallId, MeetingId = meetingId, ZoneId = zone.ZoneId, CreatedAt = now, CreatedBy = user.Subject() };
            db.Meetings.Add(meeting);
        }
        else
        {
            touched.Add(hall.DateAt(meeting.StartsAt));
        }

        meeting.ZoneId = zone.ZoneId;
        meeting.StartsAt = startsAt;
        meeting.EndsAt = endsAt;
        meeting.ExpectedAttendees = request.ExpectedAttendees!.Value;
        meeting.Title = request.Title;
        meeting.Status = MeetingStatus.Scheduled;
        meeting.UpdatedAt = now;
        meeting.UpdatedBy = user.Subject();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return Problem.ConcurrentUpdate($"Meeting '{meetingId}' was registered at the same time; reload and retry.");
        }

        await RegenerateAsync(days, hallId, hall, touched, cancellationToken);
        var response = MeetingResponse.From(meeting);
        return created
            ? TypedResults.Created($"/api/v1/halls/{hallId}/sanitation/meetings?date={hall.DateAt(startsAt):yyyy-MM-dd}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<MeetingResponse>, ProblemHttpResult>> CancelMeeting(
        string hallId, string meetingId, ClaimsPrincipal user, SanitationDbContext db, IMeetingDaysChangedHandler days, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (await db.Halls.FindKnownAsync(hallId, cancellationToken) is not { } known)
        {
            return SanitationPlanEndpoints.HallUnknown(hallId);
        }

        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.HallId == hallId && m.MeetingId == meetingId, cancellationToken);
        if (meeting is null)
        {
            return Problem.Of(StatusCodes.Status404NotFound, SanitationProblems.MeetingUnknown, $"Hall '{hallId}' has no meeting '{meetingId}'.");
        }

        if (meeting.Status != MeetingStatus.Cancelled)
        {
            var now = timeProvider.GetUtcNow();
            meeting.Status = MeetingStatus.Cancelled;
            meeting.UpdatedAt = now;
            meeting.UpdatedBy = user.Subject();
            await db.SaveChangesAsync(cancellationToken);
            var hall = SanitationHall.From(known);
            await RegenerateAsync(days, hallId, hall, [hall.DateAt(meeting.StartsAt)], cancellationToken);
        }

        return TypedResults.Ok(MeetingResponse.From(meeting));
    }

    /// <summary>The days a meeting change touches get their tasks again (those generated on demand; the sweep reaches later ones as they come).</summary>
    private static Task RegenerateAsync(
        IMeetingDaysChangedHandler days, string hallId, SanitationHall hall, IEnumerable<DateOnly> dates, CancellationToken cancellationToken) =>
        days.MeetingDaysChangedAsync(hallId, hall.TimeZone, [.. dates], cancellationToken);
}
