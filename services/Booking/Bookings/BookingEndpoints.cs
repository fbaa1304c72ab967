using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CivicHall.Booking.Policies;
using CivicHall.Booking.Slots;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Contracts.Halls.V1;
using CivicHall.Messaging.Outbox;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.PersonalData;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Booking.Bookings;

/// <summary><c>/api/v1/bookings</c>: book, read, cancel, check in, serve.</summary>
public static class BookingEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public const int IdempotencyKeyMaxLength = 128;

    /// <summary>How often a booking is decided again when the catalog changes under it before it gives up.</summary>
    internal const int MaxCatalogAttempts = 3;

    public static IEndpointRouteBuilder MapBookingEndpoints(this IEndpointRouteBuilder app)
    {
        var bookings = app.MapGroup("/api/v1/bookings").WithTags("Bookings");
        bookings.MapPost("/", CreateBooking).WithName("CreateBooking")
            .AddEndpointFilter(BookingTelemetry.CountAnswer)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Citizen, Roles.Portal, Roles.WindowStaff, Roles.DutyLeader))
            .WithSummary("Book a place in a slot")
            .WithDescription(
                "Books one person into a slot of a hall's day (from `GET /api/v1/halls/{hallId}/slots`). The channel follows the caller: `app` for citizens, "
                + "`portal` for the 一网通办 portal, `phone` and `on_site` (special groups, today) for window staff; a duty leader may book through the "
                + "green channel (`greenChannel.reason`, outside the quota, audited). An online-capable item answers 409 `online_route_available` with "
                + "`onlineRoute` in the problem; send again with `confirmOnSite: true` to come anyway. Answers 201 with the booking and its `Location`; "
                + "the same `Idempotency-Key` with the same body answers 200 with the booking first made. A full slot is refused before anything is written.")
            .WithIdempotencyKey(IdempotencyKeyMaxLength)
            .WithRequestExample("""
                {"hallId": "qingpu", "itemId": "pension", "slotId": "20261201-0900-social", "channel": "app", "person": {"idNumber": "990101198001011236", "name": "张三", "phone": "13800001234"}}
                """)
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown, BookingProblems.ItemUnknown, BookingProblems.SlotUnknown)
            .ProducesProblems(
                StatusCodes.Status409Conflict,
                BookingProblems.SlotFull, BookingProblems.QuotaReached, BookingProblems.TooManyActiveBookings, BookingProblems.GreenChannelExhausted,
                BookingProblems.OnlineRouteAvailable, BookingProblems.BookingNotConfigured, BookingProblems.IdempotencyKeyReused, ProblemCodes.ConcurrentUpdate)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, BookingProblems.HallClosed, BookingProblems.OnlineOnly, BookingProblems.OutsideHorizon, BookingProblems.SlotPast);
        bookings.MapGet("/{bookingId:guid}", GetBooking).WithName("GetBooking")
            .WithSummary("Read a booking")
            .WithDescription("The booking with the person masked. Staff see every booking; a citizen, the portal or an agent only those they made (any other is 404).")
            .ProducesProblems(StatusCodes.Status404NotFound, ProblemCodes.NotFound);
        bookings.MapPost("/{bookingId:guid}/cancel", CancelBooking).WithName("CancelBooking")
            .WithSummary("Cancel a booking")
            .WithDescription(
                "Cancels a confirmed booking: its place and its unit of the day's quota are given back and `BookingCancelled` is published. "
                + "Cancelling a cancelled booking answers it unchanged; a checked-in, served or no-show booking is 409 `not_cancellable`. "
                + "The body is optional: `{\"reason\": …}`. The booker or staff.")
            .WithOptionalBody()
            .WithRequestExample("""
                {"reason": "行程变更"}
                """)
            .ProducesProblems(StatusCodes.Status404NotFound, ProblemCodes.NotFound)
            .ProducesProblems(StatusCodes.Status409Conflict, BookingProblems.NotCancellable, ProblemCodes.ConcurrentUpdate);
        bookings.MapPost("/{bookingId:guid}/check-in", CheckIn).WithName("CheckInBooking")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Citizen, Roles.Portal, Roles.WindowStaff, Roles.Screener, Roles.DutyLeader))
            .WithSummary("Check in and take a queue ticket (取号)")
            .WithDescription(
                "Within the policy's window around the slot's start (`checkInEarlyMinutes` before, `checkInLateMinutes` after), hands out the next "
                + "ticket of the hall's day, unique and consecutive. Checking in again answers the same ticket.")
            .ProducesProblems(StatusCodes.Status404NotFound, ProblemCodes.NotFound)
            .ProducesProblems(StatusCodes.Status409Conflict, BookingProblems.NotConfirmed, ProblemCodes.ConcurrentUpdate)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, BookingProblems.CheckInTooEarly, BookingProblems.CheckInTooLate);
        bookings.MapPost("/{bookingId:guid}/serve", ServeBooking).WithName("ServeBooking")
            .RequireAuthorization(policy => policy.RequireRole(Roles.WindowStaff, Roles.DutyLeader))
            .WithSummary("Mark a checked-in booking served (办结)")
            .WithDescription(
                "Records when, by whom, at which window (`windowId`) and with which note the visitor was served, gives the person's active place "
                + "back and publishes `BookingServed`. Serving a served booking again answers 200 with the booking as first served and "
                + "`Idempotent-Replayed: true`; any other state than `checked_in` is 409 `not_servable`. The body is optional.")
            .WithOptionalBody()
            .WithRequestExample("""
                {"windowId": "w-03", "note": "材料齐全，当场办结"}
                """)
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true` when the booking had already been served.")
            .ProducesProblems(StatusCodes.Status404NotFound, ProblemCodes.NotFound)
            .ProducesProblems(StatusCodes.Status409Conflict, BookingProblems.NotServable, ProblemCodes.ConcurrentUpdate);
        return app;
    }

    /// <summary>
    /// Books a place. The same <c>Idempotency-Key</c> with the same body returns the same booking
    /// (200, <c>Idempotent-Replayed: true</c>); with another body it is refused (409).
    /// </summary>
    private static async Task<Results<Created<BookingResponse>, Ok<BookingResponse>, ProblemHttpResult>> CreateBooking(
        CreateBookingRequest? request,
        HttpRequest httpRequest,
        HttpResponse httpResponse,
        ClaimsPrincipal user,
        BookingDbContext db,
        BookingTargets targets,
        BookingStore store,
        PersonalDataProtector personalData,
        TimeProvider timeProvider,
        ILogger<BookingStore> logger,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var key = httpRequest.Headers[IdempotencyHeader].ToString();
        var errors = Validate(request, key, user, now);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var green = request!.GreenChannel is not null;
        var kind = green ? BookingKinds.GreenChannel : request.SpecialGroup is not null ? BookingKinds.SpecialGroup : BookingKinds.Regular;
        var ask = new BookingAsk(request.HallId!, request.ItemId!, request.SlotId!, kind, request.ConfirmOnSite == true);
        var person = request.Person!;
        var requestHash = RequestHash(request);
        BookingTarget target;
        Booking booking;
        BookingOutcome outcome;
        var attempt = 0;
        while (true)
        {
            var (resolved, problem) = await targets.ResolveAsync(ask, now, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            target = resolved!;
            booking = NewBooking(
                target, person, request.Channel!, kind, user.Subject(), now, personalData,
                specialGroup: request.SpecialGroup, greenChannelReason: green ? request.GreenChannel!.Reason!.Trim() : null);
            var terms = new BookingTerms(
                target.Catalog.Version, UseReserved: kind == BookingKinds.SpecialGroup, TakePlaces: !green, target.Policy.MaxActiveBookingsPerPerson,
                green ? target.Policy.GreenChannelDailyLimit : null, user.Subject(), requestHash, now);
            outcome = await store.ConfirmAsync(new BookingWrite(booking, Confirmed(booking, now), key), terms, cancellationToken);
            if (outcome.Outcome != BookingOutcome.CatalogChanged || ++attempt == MaxCatalogAttempts)
            {
                break;
            }

            // The hall, its policy or its items changed since the cached entry was read: decide again.
            targets.Forget(target);
        }

        var local = target.Hall.Local;
        switch (outcome.Outcome)
        {
            case BookingOutcome.Confirmed:
                if (green)
                {
                    logger.LogGreenChannel(booking.Id, booking.HallId, booking.CreatedBy);
                }

                return TypedResults.Created($"/api/v1/bookings/{booking.Id}", BookingResponse.From(booking, local));
            case BookingOutcome.Replayed:
                var earlier = await db.Bookings.AsNoTracking().FirstAsync(b => b.Id == outcome.BookingId, cancellationToken);
                httpResponse.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Ok(BookingResponse.From(earlier, local));
            default:
                return Refusal(outcome.Outcome, target, key);
        }
    }

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> GetBooking(
        Guid bookingId, ClaimsPrincipal user, BookingDbContext db, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null || !MaySee(user, booking))
        {
            return Problem.NotFound($"Booking '{bookingId}' does not exist.");
        }

        var hall = await db.Halls.AsNoTracking().FirstAsync(h => h.HallId == booking.HallId, cancellationToken);
        return TypedResults.Ok(BookingResponse.From(booking, SlotStore.ToHallDay(hall).Local));
    }

    /// <summary>
    /// Cancels a confirmed booking: its place in the slot and its unit of the day's quota are given back, the person's count goes down,
    /// and <see cref="BookingCancelled"/> is published, in one transaction. Cancelling twice is harmless.
    /// </summary>
    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> CancelBooking(
        Guid bookingId,
        CancelBookingRequest? request,
        ClaimsPrincipal user,
        BookingDbContext db,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (request?.Reason is { } given && given.Trim().Length > CancelBookingRequest.ReasonMaxLength)
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["reason"] = [$"At most {CancelBookingRequest.ReasonMaxLength} characters."] });
        }

        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null || !MaySee(user, booking))
        {
            return Problem.NotFound($"Booking '{bookingId}' does not exist.");
        }

        var hall = SlotStore.ToHallDay(await db.Halls.AsNoTracking().FirstAsync(h => h.HallId == booking.HallId, cancellationToken));
        if (booking.Status == BookingStatuses.Cancelled)
        {
            return TypedResults.Ok(BookingResponse.From(booking, hall.Local));
        }

        if (booking.Status != BookingStatuses.Confirmed)
        {
            return Problem.Of(StatusCodes.Status409Conflict, BookingProblems.NotCancellable, $"A booking that is {booking.Status} cannot be cancelled.");
        }

        var now = timeProvider.GetUtcNow();
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? "cancelled_by_requester" : request.Reason.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        booking.Status = BookingStatuses.Cancelled;
        booking.CancelledAt = now;
        booking.CancelReason = reason;
        booking.Revision++;
        db.AddIntegrationEvent(new BookingCancelled(booking.Id, booking.HallId, booking.SlotId, booking.PersonKey, reason, now), timeProvider);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem.ConcurrentUpdate($"Booking '{bookingId}' changed at the same time; reload and retry.");
        }

        await BookingPlaces.ReleaseAsync(db, booking, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(BookingResponse.From(booking, hall.Local));
    }

    /// <summary>
    /// Checks a visitor in within the policy's window around the slot start and hands out the next
    /// queue ticket of the hall's day (取号), unique per hall and day. Checking in again returns the
    /// same ticket.
    /// </summary>
    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> CheckIn(
        Guid bookingId, ClaimsPrincipal user, BookingDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null || !MaySee(user, booking))
        {
            return Problem.NotFound($"Booking '{bookingId}' does not exist.");
        }

        var hall = SlotStore.ToHallDay(await db.Halls.AsNoTracking().FirstAsync(h => h.HallId == booking.HallId, cancellationToken));
        if (booking.Status == BookingStatuses.CheckedIn)
        {
            return TypedResults.Ok(BookingResponse.From(booking, hall.Local));
        }

        if (booking.Status == BookingStatuses.NoShow)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, BookingProblems.CheckInTooLate, "Check-in for this booking has closed; it was marked a no-show.");
        }

        if (booking.Status != BookingStatuses.Confirmed)
        {
            return Problem.Of(StatusCodes.Status409Conflict, BookingProblems.NotConfirmed, $"A booking that is {booking.Status} cannot be checked in.");
        }

        var now = timeProvider.GetUtcNow();
        var policy = await BookingPolicies.InForceAsync(db, booking.HallId, now, cancellationToken);
        var opens = booking.SlotStartsAt.AddMinutes(-(policy?.CheckInEarlyMinutes ?? BookingPolicyDefaults.CheckInEarlyMinutes));
        var closes = booking.SlotStartsAt.AddMinutes(policy?.CheckInLateMinutes ?? BookingPolicyDefaults.CheckInLateMinutes);
        if (now < opens)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, BookingProblems.CheckInTooEarly, $"Check-in opens at {hall.Local(opens):HH:mm}.");
        }

        if (now > closes)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, BookingProblems.CheckInTooLate, $"Check-in closed at {hall.Local(closes):HH:mm}.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ticket = await db.Database.SqlQuery<int>($"""
            INSERT INTO ticket_counters AS c (hall_id, date, last) VALUES ({booking.HallId}, {booking.Date}, 1)
            ON CONFLICT (hall_id, date) DO UPDATE SET last = c.last + 1
            RETURNING last AS "Value"
            """).ToListAsync(cancellationToken);
        booking.Status = BookingStatuses.CheckedIn;
        booking.TicketNumber = ticket[0];
        booking.CheckedInAt = now;
        booking.ArrivedLate = now > booking.SlotStartsAt;
        booking.Revision++;
        db.AddIntegrationEvent(
            new BookingCheckedIn(booking.Id, booking.HallId, booking.SlotId, booking.PersonKey, ticket[0], booking.SpecialGroup, now, now), timeProvider);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem.ConcurrentUpdate($"Booking '{bookingId}' changed at the same time; reload and retry.");
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(BookingResponse.From(booking, hall.Local));
    }

    /// <summary>
    /// Marks a checked-in booking served (办结) at a window: records when, by whom, at which window and with
    /// which note, gives the person's active place back (the slot's place and the day's quota stay used: the
    /// visit happened) and publishes <see cref="BookingServed"/>, in one transaction. The update is conditional
    /// on the revision read, so of a serve and any other change made at the same time only one commits.
    /// Serving a served booking again (a retry, or two windows at once) answers 200 with the booking as it was
    /// served first, <c>Idempotent-Replayed: true</c>, and publishes nothing; any other state is 409
    /// <c>not_servable</c>.
    /// </summary>
    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> ServeBooking(
        Guid bookingId,
        ServeBookingRequest? request,
        ClaimsPrincipal user,
        HttpResponse httpResponse,
        BookingDbContext db,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var errors = ValidateServe(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        // Only window staff and duty leaders get here, and staff see every booking.
        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null)
        {
            return Problem.NotFound($"Booking '{bookingId}' does not exist.");
        }

        var hall = SlotStore.ToHallDay(await db.Halls.AsNoTracking().FirstAsync(h => h.HallId == booking.HallId, cancellationToken));
        if (booking.Status != BookingStatuses.CheckedIn)
        {
            return AlreadyServedOrNot(booking);
        }

        var now = timeProvider.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        booking.Status = BookingStatuses.Served;
        booking.ServedAt = now;
        booking.ServedBy = user.Subject();
        booking.ServedWindowId = request?.WindowId?.Trim();
        booking.ServedNote = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        booking.Revision++;
        db.AddIntegrationEvent(Served(booking, now), timeProvider);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request changed it first (most likely the same serve from another window or a retry):
            // answer from what it made of the booking.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var current = await db.Bookings.AsNoTracking().FirstAsync(b => b.Id == bookingId, cancellationToken);
            return current.Status == BookingStatuses.CheckedIn
                ? Problem.ConcurrentUpdate($"Booking '{bookingId}' changed at the same time; reload and retry.")
                : AlreadyServedOrNot(current);
        }

        await BookingPlaces.ReleasePersonAsync(db, booking.PersonKey, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(BookingResponse.From(booking, hall.Local));

        Results<Ok<BookingResponse>, ProblemHttpResult> AlreadyServedOrNot(Booking b)
        {
            if (b.Status == BookingStatuses.Served)
            {
                httpResponse.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Ok(BookingResponse.From(b, hall.Local));
            }

            var detail = b.Status == BookingStatuses.Confirmed
                ? "The booking is not checked in yet; the visitor takes a queue ticket (check-in) before being served."
                : $"A booking that is {b.Status} cannot be served; only a checked-in booking can.";
            return Problem.Of(StatusCodes.Status409Conflict, BookingProblems.NotServable, detail);
        }
    }

    private static Dictionary<string, string[]> ValidateServe(ServeBookingRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request?.WindowId is { } window && !Identifier.IsValid(window))
        {
            errors["windowId"] = [$"When given, an id. {Identifier.Rule}"];
        }

        if (request?.Note is { } note && note.Trim().Length > ServeBookingRequest.NoteMaxLength)
        {
            errors["note"] = [$"At most {ServeBookingRequest.NoteMaxLength} characters."];
        }

        return errors;
    }

    internal static BookingServed Served(Booking b, DateTimeOffset now) =>
        new(b.Id, b.HallId, b.Date, b.SlotId, b.SlotStartsAt, b.ItemId, b.WindowGroup, b.Kind, b.PersonKey,
            b.TicketNumber ?? throw new InvalidOperationException($"Checked-in booking '{b.Id}' has no ticket."),
            b.CheckedInAt ?? throw new InvalidOperationException($"Checked-in booking '{b.Id}' has no check-in time."),
            b.ServedWindowId, b.ServedBy!, now, now);

    /// <summary>Staff see every booking; a citizen, portal or agent only those they made.</summary>
    private static bool MaySee(ClaimsPrincipal user, Booking booking) =>
        user.IsInRole(Roles.WindowStaff) || user.IsInRole(Roles.DutyLeader) || user.IsInRole(Roles.Ops) || user.IsInRole(Roles.Screener)
        || booking.CreatedBy == user.Subject();

    /// <summary>
    /// The problem for what <c>booking_confirm</c> refused. For a batch, <paramref name="personIndex"/>
    /// names the person it stopped at; nobody in the batch was booked.
    /// </summary>
    internal static ProblemHttpResult Refusal(string outcome, BookingTarget target, string key, int? personIndex = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var batch = personIndex is null ? null : new Dictionary<string, object?> { ["personIndex"] = personIndex };
        var whole = personIndex is null ? string.Empty : $" (at people[{personIndex}]; nobody in the batch was booked)";
        var (hall, date, policy) = (target.Hall.HallId, target.Date, target.Policy);
        return outcome switch
        {
            BookingOutcome.IdempotencyConflict => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.IdempotencyKeyReused,
                $"Idempotency-Key '{key}' was used for a different request."),
            BookingProblems.SlotFull => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.SlotFull,
                $"Slot '{target.Slot.SlotId}' is fully booked{whole}.", batch),
            BookingProblems.QuotaReached => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.QuotaReached,
                $"Hall '{hall}' has no bookings left for {date:O}{whole}.", batch),
            BookingProblems.GreenChannelExhausted => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.GreenChannelExhausted,
                $"Hall '{hall}' has used its {policy.GreenChannelDailyLimit} green-channel bookings for {date:O}."),
            BookingProblems.TooManyActiveBookings => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.TooManyActiveBookings,
                $"A person may hold at most {policy.MaxActiveBookingsPerPerson} active bookings{whole}.", batch),
            BookingOutcome.CatalogChanged => Problem.ConcurrentUpdate($"Hall '{hall}' is being reconfigured; try again."),
            _ => throw new InvalidOperationException($"booking_confirm answered '{outcome}'."),
        };
    }

    internal static BookingConfirmed Confirmed(Booking b, DateTimeOffset now) =>
        new(b.Id, b.HallId, b.ItemId, b.WindowGroup, b.SlotId, b.SlotStartsAt, b.SlotEndsAt, b.PersonKey, b.Channel, b.Kind, b.AgentId, now);

    private static string RequestHash(CreateBookingRequest request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request with
        {
            Person = request.Person! with { IdNumber = ChineseIdNumber.Normalize(request.Person.IdNumber!) },
        }))))[..64];

    /// <summary>Which role may use which channel: the app is the citizen's, the portal the portal's, phone and door are staff's.</summary>
    private static Dictionary<string, string[]> Validate(CreateBookingRequest? request, string key, ClaimsPrincipal user, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(key) || key.Length > IdempotencyKeyMaxLength)
        {
            errors[IdempotencyHeader] = [$"The Idempotency-Key header is required (at most {IdempotencyKeyMaxLength} characters)."];
        }

        if (request is null)
        {
            errors["body"] = ["A JSON body with the booking is required."];
            return errors;
        }

        ValidateAsk(request.HallId, request.ItemId, request.SlotId, errors);

        if (request.Channel is null || !BookingChannels.All.Contains(request.Channel))
        {
            errors["channel"] = ["One of portal, app, phone, on_site."];
        }
        else if (!ChannelAllowed(request.Channel, user))
        {
            errors["channel"] = [$"Your role may not book through '{request.Channel}'."];
        }

        if (request.SpecialGroup is not null && !SpecialGroups.IsKnown(request.SpecialGroup))
        {
            errors["specialGroup"] = ["One of elderly, disabled."];
        }
        else if (request.SpecialGroup is not null && request.Channel != BookingChannels.OnSite)
        {
            errors["specialGroup"] = ["Special groups are booked at the door (channel on_site)."];
        }
        else if (request.SpecialGroup is null && request.GreenChannel is null && request.Channel == BookingChannels.OnSite)
        {
            errors["specialGroup"] = ["At the door only special groups (elderly, disabled) are booked."];
        }

        if (request.GreenChannel is { } greenChannel)
        {
            if (!user.IsInRole(Roles.DutyLeader))
            {
                errors["greenChannel"] = ["Only a duty leader may book through the green channel."];
            }
            else if (string.IsNullOrWhiteSpace(greenChannel.Reason) || greenChannel.Reason.Trim().Length is < 4 or > 500)
            {
                errors["greenChannel.reason"] = ["Required (4–500 characters): the green channel is audited."];
            }

            if (request.SpecialGroup is not null)
            {
                errors["greenChannel"] = ["A booking is either green channel or a special group, not both."];
            }
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        ValidatePerson(request.Person, "person", errors, today);
        if (request.SpecialGroup == SpecialGroups.Elderly && ChineseIdNumber.IsValid(request.Person?.IdNumber, today.AddDays(1))
            && ChineseIdNumber.AgeOn(request.Person!.IdNumber!, today) < 60)
        {
            errors["specialGroup"] = ["The elderly group is for people aged 60 and over."];
        }

        return errors;
    }

    /// <summary>Adds what is missing of what a booking asks for: hall, item, slot.</summary>
    internal static void ValidateAsk(string? hallId, string? itemId, string? slotId, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!Identifier.IsValid(hallId))
        {
            errors["hallId"] = [$"Required. {Identifier.Rule}"];
        }

        if (!Identifier.IsValid(itemId))
        {
            errors["itemId"] = [$"Required. {Identifier.Rule}"];
        }

        if (string.IsNullOrWhiteSpace(slotId) || slotId.Length > SlotIds.MaxLength || !SlotIds.IsValid(slotId))
        {
            errors["slotId"] = ["Required: a slotId from GET /api/v1/halls/{hallId}/slots."];
        }
    }

    /// <summary>Adds what is wrong with a person (ID number, name, phone) under <paramref name="field"/>.</summary>
    internal static void ValidatePerson(PersonDto? person, string field, Dictionary<string, string[]> errors, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (person is null)
        {
            errors[field] = ["Required: idNumber and name."];
            return;
        }

        if (!ChineseIdNumber.IsValid(person.IdNumber, today.AddDays(1)))
        {
            errors[$"{field}.idNumber"] = ["Not a valid 18-character resident ID number."];
        }

        if (PersonalFields.NameError(person.Name) is { } name)
        {
            errors[$"{field}.name"] = [name];
        }

        if (PersonalFields.PhoneError(person.Phone) is { } phone)
        {
            errors[$"{field}.phone"] = [phone];
        }
    }

    /// <summary>A booking of a person at a target, personal data protected per DESIGN §6 (keyed hash, encrypted, masked).</summary>
    internal static Booking NewBooking(
        BookingTarget target,
        PersonDto person,
        string channel,
        string kind,
        string createdBy,
        DateTimeOffset now,
        PersonalDataProtector personalData,
        string? specialGroup = null,
        string? greenChannelReason = null,
        string? agentId = null,
        string? enterprise = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(personalData);
        var idNumber = ChineseIdNumber.Normalize(person.IdNumber!);
        var phone = PersonalFields.Optional(person.Phone);
        return new Booking
        {
            Id = Guid.CreateVersion7(now),
            HallId = target.Hall.HallId,
            ItemId = target.Item.ItemId,
            WindowGroup = target.Item.WindowGroup,
            SlotId = target.Slot.SlotId,
            Date = target.Date,
            SlotStartsAt = target.Slot.StartsAt,
            SlotEndsAt = target.Slot.EndsAt,
            Channel = channel,
            Kind = kind,
            PersonKey = personalData.PersonKey(idNumber),
            IdNumberEncrypted = personalData.Encrypt(idNumber),
            IdNumberMasked = Masking.IdNumber(idNumber),
            NameEncrypted = personalData.Encrypt(person.Name!.Trim()),
            NameMasked = Masking.Name(person.Name),
            PhoneEncrypted = phone is null ? null : personalData.Encrypt(phone),
            PhoneMasked = phone is null ? null : Masking.Phone(phone),
            SpecialGroup = specialGroup,
            AgentId = agentId,
            Enterprise = enterprise,
            GreenChannelApprovedBy = greenChannelReason is null ? null : createdBy,
            GreenChannelReason = greenChannelReason,
            CreatedBy = createdBy,
            CreatedAt = now,
        };
    }

    private static bool ChannelAllowed(string channel, ClaimsPrincipal user) => channel switch
    {
        BookingChannels.App => user.IsInRole(Roles.Citizen),
        BookingChannels.Portal => user.IsInRole(Roles.Portal),
        BookingChannels.Phone or BookingChannels.OnSite => user.IsInRole(Roles.WindowStaff) || user.IsInRole(Roles.DutyLeader),
        _ => false,
    };
}
