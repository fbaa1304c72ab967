using System.Security.Claims;
using CivicHall.Booking.Slots;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// What the booking endpoints are handed (<c>[AsParameters]</c>): the request's caller and headers, the catalog's
/// targets, the store, personal data protection and the clock.
/// </summary>
public sealed record BookingServices(
    HttpRequest Request,
    HttpResponse Response,
    ClaimsPrincipal User,
    BookingTargets Targets,
    BookingStore Store,
    PersonalDataProtector PersonalData,
    TimeProvider TimeProvider,
    ILogger<BookingStore> Logger)
{
    /// <summary>How often a booking is decided again when the catalog changes under it before it gives up.</summary>
    public const int MaxCatalogAttempts = 3;

    /// <summary>The request's <c>Idempotency-Key</c> (empty when none).</summary>
    public string IdempotencyKey => IdempotencyKeyHeader.Of(Request);

    /// <summary>
    /// Resolves the ask on the cached catalog, lets <paramref name="confirm"/> write what it makes of the target, and
    /// answers: 201 with what was booked, 200 with <c>Idempotent-Replayed: true</c> and what the same key and body booked
    /// before, or the problem for a refusal. When <c>booking_confirm</c> finds that the hall, its policy or its items
    /// changed since the cached entry was read, the entry is dropped and the ask decided again, up to
    /// <see cref="MaxCatalogAttempts"/> times.
    /// </summary>
    public async Task<Results<Created<TResponse>, Ok<TResponse>, ProblemHttpResult>> BookAsync<TResponse>(
        BookingAsk ask,
        DateTimeOffset now,
        Func<BookingTarget, Task<Confirmation>> confirm,
        Func<IReadOnlyList<Booking>, TResponse> respond,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(confirm);
        ArgumentNullException.ThrowIfNull(respond);
        for (var attempt = 1; ; attempt++)
        {
            var (resolved, problem) = await Targets.ResolveAsync(ask, now, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            var target = resolved!;
            var confirmation = await confirm(target);
            switch (confirmation.Outcome)
            {
                case BookingOutcome.CatalogChanged when attempt < MaxCatalogAttempts:
                    Targets.Forget(target);
                    continue;
                case BookingOutcome.Confirmed:
                    return TypedResults.Created($"/api/v1/bookings/{confirmation.BookingIds[0]}", respond(confirmation.Made));
                case BookingOutcome.Replayed:
                    var earlier = await Store.ReadAsync(confirmation.BookingIds, cancellationToken);
                    Response.Headers["Idempotent-Replayed"] = "true";
                    return TypedResults.Ok(respond([.. confirmation.BookingIds.Select(id => earlier[id])]));
                default:
                    return BookingRefusals.Confirm(confirmation.Outcome, target, IdempotencyKey, confirmation.RefusedAt);
            }
        }
    }
}
