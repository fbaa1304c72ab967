using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicHall.Contracts.Halls.V1;
using CivicHall.Sanitation.Plans;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Sanitation.Meetings;

/// <summary><c>/api/v1/halls/{hallId}/sanitation/meetings</c>: meetings whose rooms are disinfected before and after them.</summary>
public static class MeetingEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapMeetingEndpoints(this IEndpointRouteBuilder app)
    {
        var meetings = app.MapGroup("/api/v1/halls/{hallId}/sanitation/meetings").WithTags("Sanitation meetings");
        meetings.MapGet("/", ListMeetings).WithName("ListSanitationMeetings")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader, Roles.Ops))
            .WithSummary("List a hall's meetings of a day")
            .WithDescription($"The meetings that start on `date` (the hall's local date; today when omitted), cancelled ones included, in start order (ties by `meetingId`, ascending); `limit` (1–{MaxLimit}, {DefaultLimit}) and the previous page's `nextCursor`.")
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
        string hallId,
        DateOnly? date,
        [Range(1, MaxLimit)] int? limit,
        [StringLength(TimeTextCursor.MaxLength)] string? cursor,
        SanitationDbContext db,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        SanitationHall.CheckDate(errors, date);
        PageQuery.CheckLimit(errors, limit, MaxLimit);
        (DateTimeOffset At, string Id)? after = null;
        if (cursor is not null)
        {
            if (TimeTextCursor.TryParse(cursor, out var at, out var id))
            {
                after = (at, id);
            }
            else
            {
                errors["cursor"] = [PageQuery.NotACursor];
            }
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (await db.Halls.FindKnownAsync(hallId, cancellationToken) is not { } known)
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        var hall = SanitationHall.From(known);
        var day = date ?? hall.DateAt(timeProvider.GetUtcNow());
        var from = hall.At(day, TimeOnly.MinValue);
        var to = hall.At(day.AddDays(1), TimeOnly.MinValue);
        // After a cursor: a row comparison, the list's own order (the same collation as its ORDER BY).
        var meetings = after is { } last
            ? db.Meetings.FromSql($"SELECT * FROM meetings WHERE (starts_at, meeting_id) > ({last.At}, {last.Id})")
            : db.Meetings;
        var take = limit ?? DefaultLimit;
        var page = await meetings.AsNoTracking()
            .Where(m => m.HallId == hallId && m.StartsAt >= from && m.StartsAt < to)
            .OrderBy(m => m.StartsAt).ThenBy(m => m.MeetingId)
            .Take(take + 1)
            .ToListAsync(cancellationToken);
        var next = page.Count > take ? TimeTextCursor.Encode(page[take - 1].StartsAt, page[take - 1].MeetingId) : null;
        return TypedResults.Ok(new MeetingList(hallId, day, [.. page.Take(take).Select(MeetingResponse.From)], next));
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
            return SanitationProblems.UnknownHall(hallId);
        }

        var zone = known.Zones.FirstOrDefault(z => z.ZoneId == request!.ZoneId);
        if (zone is null)
        {
            return SanitationProblems.UnknownZone(hallId, request!.ZoneId);
        }

        if (zone.Kind != ZoneKinds.MeetingRoom)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, SanitationProblems.NotAMeetingRoom, new Bilingual($"区域“{zone.ZoneId}”是 {zone.Kind}，不是会议室。", $"Zone '{zone.ZoneId}' is a {zone.Kind}, not a meeting room."));
        }

        var startsAt = request!.StartsAt!.Value.ToUniversalTime();
        var endsAt = request.EndsAt!.Value.ToUniversalTime();
        var plan = await SanitationPlans.InForceAsync(db, hallId, startsAt, cancellationToken);
        if (plan.EnforceMeetingLimits && request.ExpectedAttendees > plan.MeetingMaxAttendees)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, SanitationProblems.MeetingTooLarge,
                new Bilingual($"方案规定每场会议最多 {plan.MeetingMaxAttendees} 人。", $"The plan allows at most {plan.MeetingMaxAttendees} people in a meeting."), new Dictionary<string, object?> { ["maxAttendees"] = plan.MeetingMaxAttendees });
        }

        if (plan.EnforceMeetingLimits && (endsAt - startsAt).TotalMinutes > plan.MeetingMaxMinutes)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, SanitationProblems.MeetingTooLong,
                new Bilingual($"方案规定每场会议最长 {plan.MeetingMaxMinutes} 分钟。", $"The plan allows meetings of at most {plan.MeetingMaxMinutes} minutes."), new Dictionary<string, object?> { ["maxMinutes"] = plan.MeetingMaxMinutes });
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
                new Bilingual($"会议室“{zone.ZoneId}”该时段已有会议“{overlapping}”。", $"Meeting '{overlapping}' is in room '{zone.ZoneId}' at that time."), new Dictionary<string, object?> { ["meetingId"] = overlapping });
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
            return Problem.ConcurrentUpdate(new Bilingual($"会议“{meetingId}”刚刚被同时登记，请刷新后重试。", $"Meeting '{meetingId}' was registered at the same time; reload and retry."));
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
            return SanitationProblems.UnknownHall(hallId);
        }

        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.HallId == hallId && m.MeetingId == meetingId, cancellationToken);
        if (meeting is null)
        {
            return Problem.Of(StatusCodes.Status404NotFound, SanitationProblems.MeetingUnknown, new Bilingual($"办事大厅“{hallId}”没有会议“{meetingId}”。", $"Hall '{hallId}' has no meeting '{meetingId}'."));
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
