using CivicHall.Contracts.Screening.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Sanitation.Supplies;

/// <summary>
/// Who is on duty (the daily masks): a staff member admitted at the entrance (screening's <see cref="PersonAdmitted"/>
/// with <c>personKind</c> <c>staff</c> and the <c>staffId</c> of their health file) is on duty that local day at that
/// hall. The first admission of the day is kept (<c>ON CONFLICT DO NOTHING</c>), so a replay or a second check-in
/// changes nothing. Visitors, and staff without a health file (no <c>staffId</c>), are not kept.
/// </summary>
public sealed class PersonAdmittedConsumer(SanitationDbContext db, TimeProvider timeProvider, ILogger<PersonAdmittedConsumer> logger)
    : InboxConsumer<PersonAdmitted, SanitationDbContext>(db, timeProvider, logger)
{
    public const string Staff = "staff";

    protected override string InboxName => "sanitation.person-admitted";

    protected override string? LockOrderKey(PersonAdmitted message) => message.HallId;

    protected override async Task HandleAsync(PersonAdmitted message, ConsumeContext<PersonAdmitted> context)
    {
        if (message.PersonKind != Staff || message.StaffId is not { } staffId)
        {
            return;
        }

        var hall = await Db.Halls.AsNoTracking().SingleOrDefaultAsync(h => h.HallId == message.HallId && h.Version > 0, context.CancellationToken);
        if (hall is null)
        {
            return;
        }

        var day = HallTime.LocalDate(hall.TimeZone, message.OccurredAt);
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO sanitation_staff_on_duty (hall_id, local_date, staff_id, screening_id, admitted_at)
            VALUES ({message.HallId}, {day}, {staffId}, {message.ScreeningId}, {message.OccurredAt.ToUniversalTime()})
            ON CONFLICT DO NOTHING
            """, context.CancellationToken);
    }
}
