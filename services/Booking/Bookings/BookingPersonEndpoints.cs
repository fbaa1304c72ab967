using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// <c>GET /api/v1/bookings/{id}/person?reason=</c>: the booked person in clear, for the staff who must
/// verify them at the counter. Every read is recorded (who, roles, why, when) before anything is shown;
/// everyone else only ever sees the masked person of <c>GET /api/v1/bookings/{id}</c>.
/// </summary>
public static class BookingPersonEndpoints
{
    public static IEndpointRouteBuilder MapBookingPersonEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/bookings").WithTags("Bookings")
            .MapGet("/{bookingId:guid}/person", ReadPerson).WithName("ReadBookingPerson")
            .RequireAuthorization(policy => policy.RequireRole(Roles.WindowStaff, Roles.DutyLeader))
            .WithSummary("Read the booked person in clear, for verification at the counter")
            .WithDescription(
                "The ID number, name and phone in clear, answered with `Cache-Control: no-store`. Every read is recorded first "
                + "(who, with which roles, why, when) with the `reason` given.")
            .ProducesProblems(StatusCodes.Status404NotFound, ProblemCodes.NotFound);
        return app;
    }

    private static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> ReadPerson(
        Guid bookingId,
        [Required, StringLength(200, MinimumLength = 4), Description("Why the person is read (recorded with the read), 4–200 characters.")] string? reason,
        ClaimsPrincipal user,
        HttpResponse httpResponse,
        BookingDbContext db,
        PersonalDataProtector personalData,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length is < 4 or > 200)
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["reason"] = ["Required (4–200 characters): every read of personal data is recorded with its reason."] });
        }

        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null)
        {
            return BookingRefusals.NotFound(bookingId);
        }

        var now = timeProvider.GetUtcNow();
        db.Add(new PersonalDataRead
        {
            Id = Guid.CreateVersion7(now),
            BookingId = booking.Id,
            PersonKey = booking.PersonKey,
            ReadBy = user.Subject(),
            Roles = string.Join(',', new[] { Roles.WindowStaff, Roles.DutyLeader }.Where(user.IsInRole)),
            Reason = reason.Trim(),
            ReadAt = now,
        });
        await db.SaveChangesAsync(cancellationToken); // recorded before anything is shown

        httpResponse.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new PersonResponse(
            personalData.Decrypt(booking.IdNumberEncrypted),
            personalData.Decrypt(booking.NameEncrypted),
            booking.PhoneEncrypted is null ? null : personalData.Decrypt(booking.PhoneEncrypted)));
    }
}
