using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicHall.Booking.Catalog;
using CivicHall.Booking.Policies;
using CivicHall.Booking.Slots;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Paging;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Booking.Calls;

/// <summary>
/// <c>/api/v1/halls/{hallId}/…</c>: calling tickets at the windows (叫号): the windows, calling the next ticket, marking a call
/// missed (过号), the hall's calls, and the calling screen's feed. Serving is <c>POST /api/v1/bookings/{id}/serve</c>, which closes the call.
/// </summary>
public static class CallEndpoints
{
    public const string Tag = "Calls";
    private const int MaxLimit = 200;
    private const int DefaultLimit = 50;

    /// <summary>How many times a call is decided on the catalog before a policy changing under it answers 409.</summary>
    private const int MaxCatalogAttempts = 3;

    /// <summary>What every call operation takes from the container.</summary>
    public sealed record CallServices(
        BookingDbContext Db, CallStore Store, CallBoard Board, BookingCatalog Catalog, ClaimsPrincipal User, TimeProvider TimeProvider);

    public static IEndpointRouteBuilder MapCallEndpoints(this IEndpointRouteBuilder app)
    {
        var hall = app.MapGroup("/api/v1/halls/{hallId}").WithTags(Tag);
        hall.MapGet("/windows", ListWindows).WithName("ListWindows")
            .RequireAuthorization(policy => policy.RequireRole(Roles.WindowStaff, Roles.DutyLeader, Roles.Ops))
            .WithSummary("The hall's windows")
            .WithDescription("The windows the booking policy in force opens: a window group with `windows: n` has `{group}-1` … `{group}-n`.")
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown);
        hall.MapPost("/windows/{windowId}/calls", CallNext).WithName("CallNextTicket")
            .RequireAuthorization(policy => policy.RequireRole(Roles.WindowStaff, Roles.DutyLeader))
            .WithSummary("Call the next ticket to a window (叫号)")
            .WithDescription(
                "Calls the next checked-in ticket of the window's group for the hall's day: special groups and the green channel first, then ticket "
                + "order; a ticket missed once comes back behind `requeueAfter` tickets (`recall: true`). Two windows calling at once never get the same "
                + "ticket. A window whose called ticket is neither served nor missed yet is 409 `window_busy` (with its `callId`); nobody waiting is 404 "
                + "`queue_empty`; 409 `concurrent_update` only when the hall's booking policy changed under three attempts in a row (call again). "
                + "No body.")
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown, BookingProblems.WindowUnknown, BookingProblems.QueueEmpty)
            .ProducesProblems(StatusCodes.Status409Conflict, BookingProblems.WindowBusy, ProblemCodes.ConcurrentUpdate);
        hall.MapGet("/calls", ListCalls).WithName("ListCalls")
            .RequireAuthorization(policy => policy.RequireRole(Roles.WindowStaff, Roles.DutyLeader, Roles.Ops))
            .WithSummary("The hall's calls, newest first")
            .WithDescription($"Every call with its window, caller time, outcome (`served`, `missed`, null while open). `limit` (1–{MaxLimit}, {DefaultLimit}) and the previous page's `nextCursor`.")
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown);
        hall.MapPost("/calls/{callId:long}/missed", MarkMissed).WithName("MarkCallMissed")
            .RequireAuthorization(policy => policy.RequireRole(Roles.WindowStaff, Roles.DutyLeader))
            .WithSummary("Mark a called ticket missed (过号)")
            .WithDescription(
                "Once the policy's `missedAfterSeconds` have passed since the call (else 409 `miss_too_early` with `missableAt`): the first miss puts the "
                + "ticket back behind `requeueAfter` waiting tickets (`requeued`); the second ends it (`dropped`: the booking becomes `no_show`, "
                + "`BookingNoShow` is published). A served or missed call is 409 `call_finished`. No body.")
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown, BookingProblems.CallUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, BookingProblems.CallFinished, BookingProblems.MissTooEarly);
        hall.MapGet("/calls/stream", StreamCalls).WithName("StreamCalls").AllowAnonymous()
            .WithSummary("The calling screen's feed (server-sent events, anonymous)")
            .WithDescription(
                "`text/event-stream` for the screen above the windows: the latest calls, then each new one as `event: call` `{callId, ticketNumber, "
                + "windowId, windowName, calledAt, recall}` with the call's id as `id`; no personal data. No token needed (the gateway rate-limits it per "
                + "address like the public live view); `: keep-alive` every 15 s.")
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown);
        return app;
    }

    private static async Task<Results<Ok<WindowList>, ProblemHttpResult>> ListWindows(string hallId, BookingDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!await db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return BookingProblems.UnknownHall(hallId);
        }

        var policy = await BookingPolicies.InForceAsync(db, hallId, timeProvider.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new WindowList(hallId, HallWindow.Of(policy)));
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> CallNext(
        string hallId, string windowId, [AsParameters] CallServices services, CancellationToken cancellationToken)
    {
        if (!Identifier.IsValid(windowId))
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["windowId"] = [Identifier.Rule] });
        }

        // The hall, its day and the window's group from the booking catalog (no query per call), checked by booking_call_next
        // against the catalog version: a call decided on an entry that a policy change made stale is decided again on a fresh
        // one, and so is an unknown window (the window may be new).
        var now = services.TimeProvider.GetUtcNow();
        CallNextOutcome? outcome = null;
        HallWindow? window = null;
        for (var attempt = 1; attempt <= MaxCatalogAttempts && outcome is null; attempt++)
        {
            var hall = await services.Catalog.HallAsync(hallId, cancellationToken);
            if (hall is null)
            {
                return BookingProblems.UnknownHall(hallId);
            }

            window = HallWindow.Find(hall.Policy, windowId);
            if (window is null)
            {
                if (attempt == 1)
                {
                    services.Catalog.Forget(hall);
                    continue;
                }

                return BookingProblems.UnknownWindow(hallId, windowId);
            }

            var called = await services.Store.CallNextAsync(hallId, hall.Hall.DateAt(now), window, services.User.Subject(), now, hall.Version, cancellationToken);
            if (called.Outcome == CallNextOutcome.CatalogChanged)
            {
                services.Catalog.Forget(hall);
                continue;
            }

            outcome = called;
        }

        switch (outcome?.Outcome)
        {
            case null:
                // The hall's policy changed under every attempt: rare enough that the window may simply call again.
                return Problem.ConcurrentUpdate(new Bilingual("大厅的预约政策正在变更，请重新叫号。", "The hall's booking policy was changing; call again."));
            case CallNextOutcome.WindowBusy:
                return BookingProblems.BusyWindow(windowId, outcome.CallId!.Value, outcome.TicketNumber!.Value);
            case CallNextOutcome.QueueEmpty:
                return BookingProblems.EmptyQueue(hallId, window!.WindowGroup);
        }

        services.Board.Pulse(hallId);
        return TypedResults.Ok(new CallResponse(
            outcome.CallId!.Value, hallId, outcome.TicketNumber!.Value, outcome.BookingId!.Value, window!.WindowId, window.Name, window.WindowGroup,
            now.ToUniversalTime(), outcome.Recall == true, null, null));
    }

    private static async Task<Results<Ok<MissedResponse>, ProblemHttpResult>> MarkMissed(
        string hallId, long callId, [AsParameters] CallServices services, CancellationToken cancellationToken)
    {
        if (!await services.Db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return BookingProblems.UnknownHall(hallId);
        }

        var now = services.TimeProvider.GetUtcNow();
        var policy = await BookingPolicies.InForceAsync(services.Db, hallId, now, cancellationToken);
        var outcome = await services.Store.MissAsync(
            hallId, callId, services.User.Subject(), now, policy?.MissedAfterSeconds ?? BookingPolicyDefaults.MissedAfterSeconds,
            policy?.RequeueAfter ?? BookingPolicyDefaults.RequeueAfter, cancellationToken);
        return outcome.Outcome switch
        {
            MissOutcome.CallUnknown => BookingProblems.UnknownCall(hallId, callId),
            MissOutcome.CallFinished => BookingProblems.FinishedCall(callId),
            MissOutcome.TooEarly => BookingProblems.EarlyMiss(callId, outcome.MissableAt!.Value),
            _ => TypedResults.Ok(new MissedResponse(callId, outcome.TicketNumber!.Value, outcome.BookingId!.Value, outcome.Outcome, outcome.Ahead)),
        };
    }

    private static async Task<Results<Ok<CallPage>, ProblemHttpResult>> ListCalls(
        string hallId,
        [Range(1, MaxLimit)] int? limit,
        [StringLength(CallCursor.MaxLength)] string? cursor,
        CallStore store,
        BookingDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        PageQuery.CheckLimit(errors, limit, MaxLimit);
        var after = PageQuery.CheckCursor<CallCursor>(errors, cursor, CallCursor.TryParse);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return BookingProblems.UnknownHall(hallId);
        }

        var take = limit ?? DefaultLimit;
        var calls = await store.ListAsync(hallId, after?.CallId, take + 1, cancellationToken);
        var next = calls.Count > take ? new CallCursor(calls[take - 1].Id).Encode() : null;
        return TypedResults.Ok(new CallPage(hallId, [.. calls.Take(take).Select(CallResponse.From)], next));
    }

    private static async Task<Results<CallStreamResult, ProblemHttpResult>> StreamCalls(string hallId, BookingDbContext db, CancellationToken cancellationToken) =>
        await db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken) ? new CallStreamResult(hallId) : BookingProblems.UnknownHall(hallId);
}
