using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Paging;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Booking.Bookings;

/// <summary><c>GET /api/v1/bookings</c>: the caller's own bookings (a citizen, or the portal for the citizen it names).</summary>
public static class MyBookingsEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Maps the list onto the bookings group.</summary>
    public static RouteGroupBuilder MapMyBookingsEndpoints(this RouteGroupBuilder bookings)
    {
        bookings.MapGet("/", ListMyBookings).WithName("ListMyBookings")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Citizen, Roles.Portal))
            .WithSummary("List my bookings")
            .WithDescription(
                "The bookings the caller made (the token's subject: the citizen, or the citizen a portal call is signed for), newest slot first "
                + "(ties by `bookingId`, descending), the person masked. Filters: `status` (repeated or a comma list of `confirmed`, `checked_in`, "
                + "`served`, `no_show`, `cancelled`), `hallId`, and `from`/`to` (the hall's local dates of the slots, inclusive). "
                + $"`limit` (1–{MaxLimit}, {DefaultLimit}) and the previous page's `nextCursor`; the answer is `{{bookings, nextCursor}}`. "
                + "Nobody else's booking ever appears; staff read a hall's bookings in its ledger.");
        return bookings;
    }

    private static async Task<Results<Ok<BookingList>, ProblemHttpResult>> ListMyBookings(
        [StringLength(RescheduleValidation.StatusMaxLength)] string? status,
        [Identifier] string? hallId,
        DateOnly? from,
        DateOnly? to,
        [Range(1, MaxLimit)] int? limit,
        [StringLength(BookingCursor.Length)] string? cursor,
        ClaimsPrincipal user,
        BookingDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var statuses = RescheduleValidation.Statuses(status, errors);
        RescheduleValidation.ValidateRange(hallId, from, to, errors);
        PageQuery.CheckLimit(errors, limit, MaxLimit);
        var after = PageQuery.CheckCursor<BookingCursor>(errors, cursor, BookingCursor.TryParse);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var subject = user.Subject();

        // After a cursor: a row comparison, the order of the sort below and of the index (created_by, slot_starts_at DESC, id DESC).
        var query = (after is { } c
                ? db.Bookings.FromSql($"SELECT * FROM bookings WHERE (slot_starts_at, id) < ({c.SlotStartsAt.ToUniversalTime()}, {c.BookingId})")
                : db.Bookings)
            .AsNoTracking().Where(b => b.CreatedBy == subject);
        if (statuses.Count > 0)
        {
            var wanted = statuses.ToList();
            query = query.Where(b => wanted.Contains(b.Status));
        }

        if (hallId is not null)
        {
            query = query.Where(b => b.HallId == hallId);
        }

        if (from is { } first)
        {
            query = query.Where(b => b.Date >= first);
        }

        if (to is { } last)
        {
            query = query.Where(b => b.Date <= last);
        }

        var take = limit ?? DefaultLimit;
        var page = await query.OrderByDescending(b => b.SlotStartsAt).ThenByDescending(b => b.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = page.Count > take ? new BookingCursor(page[take - 1].SlotStartsAt, page[take - 1].Id).Encode() : null;
        return TypedResults.Ok(new BookingList([.. page.Take(take).Select(BookingResponse.From)], next));
    }
}
