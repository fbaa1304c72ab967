using System.Security.Claims;
using CivicHall.Booking.Bookings;
using CivicHall.Contracts.Tracing.V1;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Booking.Tracing;

/// <summary>
/// <c>POST /internal/v1/halls/{hallId}/tracing/identities/clear</c>: the people of an approved clear export of a tracing
/// list whom screening never saw (booked, not screened), in clear from each person's latest booking at the hall
/// (booking decrypts its own copy). One <see cref="PersonalDataRead"/> per person is recorded before anything is
/// answered. Duty leaders and ops, with the caller's own token; not routed by the gateway, not in the OpenAPI document.
/// </summary>
public static class ClearIdentityEndpoints
{
    public static IEndpointRouteBuilder MapClearIdentityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/internal/v1/halls/{hallId}/tracing").WithTags("Tracing")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .ExcludeFromDescription()
            .MapPost("/identities/clear", ClearIdentities).WithName("TraceBookingClearIdentities");
        return app;
    }

    private static async Task<Results<Ok<ClearIdentityAnswer>, ProblemHttpResult>> ClearIdentities(
        string hallId,
        ClearIdentityQuery? query,
        ClaimsPrincipal user,
        HttpResponse httpResponse,
        BookingDbContext db,
        PersonalDataProtector personalData,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var errors = TracingQueryChecks.Validate(query);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return BookingProblems.UnknownHall(hallId);
        }

        var keys = query!.PersonKeys.Distinct(StringComparer.Ordinal).ToList();
        var bookings = await db.Bookings.AsNoTracking()
            .Where(b => b.HallId == hallId && keys.Contains(b.PersonKey))
            .OrderByDescending(b => b.CreatedAt)
            .Select(b => new { b.Id, b.PersonKey, b.IdNumberEncrypted, b.NameEncrypted, b.PhoneEncrypted })
            .ToListAsync(cancellationToken);
        var latest = bookings.GroupBy(b => b.PersonKey, StringComparer.Ordinal).Select(g => g.First()).OrderBy(b => b.PersonKey, StringComparer.Ordinal).ToList();

        var now = timeProvider.GetUtcNow();
        var roles = string.Join(',', new[] { Roles.DutyLeader, Roles.Ops }.Where(user.IsInRole));
        foreach (var booking in latest)
        {
            db.Add(new PersonalDataRead
            {
                Id = Guid.CreateVersion7(now),
                BookingId = booking.Id,
                PersonKey = booking.PersonKey,
                ReadBy = user.Subject(),
                Roles = roles,
                Reason = query.Reason.Trim(),
                ListId = query.ListId,
                RequestedBy = query.RequestedBy,
                ApprovedBy = query.ApprovedBy,
                ReadAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken); // recorded before anything is shown
        httpResponse.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new ClearIdentityAnswer([.. latest.Select(b => new ClearIdentity(
            b.PersonKey,
            personalData.Decrypt(b.IdNumberEncrypted),
            personalData.Decrypt(b.NameEncrypted),
            b.PhoneEncrypted is null ? null : personalData.Decrypt(b.PhoneEncrypted)))]));
    }
}
