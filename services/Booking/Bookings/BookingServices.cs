using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Booking.Bookings;

/// <summary>What the booking endpoints are handed (<c>[AsParameters]</c>): the catalog's targets, the store, personal data protection and the clock.</summary>
public sealed record BookingServices(
    BookingTargets Targets,
    BookingStore Store,
    PersonalDataProtector PersonalData,
    TimeProvider TimeProvider,
    ILogger<BookingStore> Logger)
{
    /// <summary>How often a booking is decided again when the catalog changes under it before it gives up.</summary>
    public const int MaxCatalogAttempts = 3;

    /// <summary>
    /// Resolves the ask on the cached catalog and lets <paramref name="confirm"/> write what it makes of the
    /// target. When <c>booking_confirm</c> finds that the hall, its policy or its items changed since the cached
    /// entry was read, the entry is dropped and the ask decided again, up to <see cref="MaxCatalogAttempts"/> times.
    /// </summary>
    public async Task<(BookingTarget? Target, T? Written, ProblemHttpResult? Problem)> ConfirmAsync<T>(
        BookingAsk ask, DateTimeOffset now, Func<BookingTarget, Task<T>> confirm, Func<T, string> outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(confirm);
        ArgumentNullException.ThrowIfNull(outcome);
        for (var attempt = 1; ; attempt++)
        {
            var (target, problem) = await Targets.ResolveAsync(ask, now, cancellationToken);
            if (problem is not null)
            {
                return (null, default, problem);
            }

            var written = await confirm(target!);
            if (outcome(written) != BookingOutcome.CatalogChanged || attempt == MaxCatalogAttempts)
            {
                return (target, written, null);
            }

            Targets.Forget(target!);
        }
    }
}
