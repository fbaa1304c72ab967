using System.Security.Claims;
using CivicHall.Contracts.Tracing.V1;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Screening.Tracing;

/// <summary>
/// <c>POST /internal/v1/halls/{hallId}/tracing/identities/clear</c>: the people of an approved clear export of a tracing
/// list, in clear from each person's latest screening at the hall (screening decrypts its own copy). One
/// <see cref="PersonalDataRead"/> per person is recorded before anything is answered. Duty leaders and ops, with the
/// caller's own token; not routed by the gateway, not in the OpenAPI document (README "Screening" lists it).
/// </summary>
public static class ClearIdentityEndpoints
{
    private sealed record ClearRow(string PersonKey, string IdNumberEncrypted, string NameEncrypted, string? PhoneEncrypted);

    public static IEndpointRouteBuilder MapClearIdentityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/internal/v1/halls/{hallId}/tracing").WithTags("Tracing")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .ExcludeFromDescription()
            .MapPost("/identities/clear", ClearIdentities).WithName("TraceScreeningClearIdentities");
        return app;
    }

    private static async Task<Results<Ok<ClearIdentityAnswer>, ProblemHttpResult>> ClearIdentities(
        string hallId,
        ClearIdentityQuery? query,
        ClaimsPrincipal user,
        HttpResponse httpResponse,
        ScreeningDbContext db,
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
            return ScreeningProblems.UnknownHall(hallId);
        }

        var keys = query!.PersonKeys.Distinct(StringComparer.Ordinal).ToArray();
        var rows = await db.Database.SqlQuery<ClearRow>($"""
            SELECT DISTINCT ON (r.person_key) r.person_key, r.id_number_encrypted, r.name_encrypted, r.phone_encrypted
            FROM screening_records r
            WHERE r.hall_id = {hallId} AND r.person_key = ANY({keys})
            ORDER BY r.person_key, r.taken_at DESC
            """).ToListAsync(cancellationToken);

        var now = timeProvider.GetUtcNow();
        var roles = string.Join(',', new[] { Roles.DutyLeader, Roles.Ops }.Where(user.IsInRole));
        foreach (var row in rows)
        {
            db.Add(new PersonalDataRead
            {
                Id = Guid.CreateVersion7(now),
                HallId = hallId,
                PersonKey = row.PersonKey,
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
        return TypedResults.Ok(new ClearIdentityAnswer([.. rows.Select(r => new ClearIdentity(
            r.PersonKey,
            personalData.Decrypt(r.IdNumberEncrypted),
            personalData.Decrypt(r.NameEncrypted),
            r.PhoneEncrypted is null ? null : personalData.Decrypt(r.PhoneEncrypted)))]));
    }
}
