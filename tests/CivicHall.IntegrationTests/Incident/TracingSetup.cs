using CivicHall.Booking.Bookings;
using CivicHall.Booking.Data;
using CivicHall.HallDirectory;
using CivicHall.Incident.Data;
using CivicHall.IntegrationTests.Halls;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Floor;
using CivicHall.Screening.Data;
using CivicHall.Screening.Screenings;

namespace CivicHall.IntegrationTests.Incident;

/// <summary>
/// What the tracing tests share: a hall with three zones known to every service, a case notice, and the owners' records
/// at exact historic times. Those records are written straight into occupancy's, screening's and booking's databases
/// here: the tracing queries and rules are under test, and the real flows (door, movements, screenings, bookings)
/// cannot place stays at exact past minutes.
/// </summary>
internal static class TracingSetup
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The case's day (yesterday in the hall's time), and its 10:00.</summary>
    public static DateOnly Day => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(-1);

    public static DateTimeOffset At(int minutesFromTen) => new DateTimeOffset(Day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).AddMinutes(minutesFromTen).ToUniversalTime();

    public static async Task AddHallAsync(CivicHallSystem system, string hallId)
    {
        var zones = new List<object>
        {
            new { zoneId = "zone-a", kind = "waiting_area", name = "等候区", areaM2 = 200m },
            new { zoneId = "zone-b", kind = "service_floor", name = "一楼服务区", areaM2 = 500m },
            new { zoneId = "zone-c", kind = "service_floor", name = "二楼服务区", areaM2 = 500m },
            new { zoneId = "iso", kind = "isolation", name = "临时隔离区", areaM2 = 20m },
        };
        using var ops = system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}", HallRequests.Weekdays("青浦区行政服务中心", zones), Ct)).EnsureSuccessStatusCode();
        foreach (var service in new[] { CivicHallSystem.Incident, CivicHallSystem.Screening, CivicHallSystem.Booking })
        {
            await Eventually.UntilAsync(
                () => system.QueryConsumerAsync(service, db => db.Set<KnownHall>().AnyAsync(h => h.HallId == hallId && h.Version > 0, Ct)),
                known => known, because: $"{service} should learn of the hall");
        }
    }

    /// <summary>A case notice for yesterday; answers the case's id and its person key.</summary>
    public static async Task<(Guid IncidentId, string PersonKey)> NoticeAsync(CivicHallSystem system, string hallId, string idNumber)
    {
        var id = Guid.CreateVersion7();
        using var leader = system.Client(CivicHallSystem.Incident, Roles.DutyLeader);
        var notice = new { incidentId = id, hallId, idNumber, personKind = "visitor", authority = "青浦区疾病预防控制中心", status = "confirmed", days = new[] { Day } };
        (await leader.PostAsJsonAsync("/api/v1/incidents/notices", notice, Ct)).EnsureSuccessStatusCode();
        var key = await system.QueryAsync<IncidentDbContext, string?>(CivicHallSystem.Incident, db => db.Incidents.Where(c => c.IncidentId == id).Select(c => c.PersonKey).SingleAsync(Ct));
        return (id, key!);
    }

    /// <summary>Stays written into occupancy (an exited admission each, for the person's kind).</summary>
    public static Task StaysAsync(CivicHallSystem system, string hallId, params (string Key, string Kind, string Zone, int From, int To)[] stays) =>
        system.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db =>
        {
            foreach (var s in stays)
            {
                var admission = new Admission
                {
                    Id = Guid.NewGuid(),
                    HallId = hallId,
                    PersonKey = s.Key,
                    PersonKind = s.Kind,
                    State = AdmissionState.Exited,
                    ArrivedAt = At(s.From),
                    AdmittedAt = At(s.From),
                    ExitedAt = At(s.To),
                    PurgeAfter = At(s.To).AddDays(28),
                };
                db.Add(admission);
                db.Add(new ZonePresence { AdmissionId = admission.Id, HallId = hallId, ZoneId = s.Zone, PersonKey = s.Key, EnteredAt = At(s.From), LeftAt = At(s.To), PurgeAfter = admission.PurgeAfter });
            }

            return db.SaveChangesAsync(Ct);
        });

    /// <summary>Screenings written into screening (masked identity from the key's last 4 characters).</summary>
    public static Task ScreeningsAsync(CivicHallSystem system, string hallId, params (string Key, string Kind, string Lane, int At)[] readings) =>
        system.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db =>
        {
            foreach (var r in readings)
            {
                db.Add(new ScreeningRecord
                {
                    Id = Guid.NewGuid(),
                    HallId = hallId,
                    PersonKind = r.Kind,
                    PersonKey = r.Key,
                    IdNumberEncrypted = "enc",
                    IdNumberMasked = $"310***********{r.Key[^4..]}",
                    NameEncrypted = "enc",
                    NameMasked = "张*",
                    TakenAt = At(r.At),
                    Lane = r.Lane,
                    RecordedBy = "screener-1",
                    HealthCode = "green",
                    TemperatureC = 36.5m,
                    Outcome = "admit",
                    CreatedAt = At(r.At),
                    PurgeAfter = At(r.At).AddDays(28),
                });
            }

            return db.SaveChangesAsync(Ct);
        });

    /// <summary>A confirmed booking written into booking for a slot [from, to).</summary>
    public static Task BookingAsync(CivicHallSystem system, string hallId, string key, int from, int to) =>
        system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db =>
        {
            db.Add(new CivicHall.Booking.Bookings.Booking
            {
                Id = Guid.NewGuid(),
                HallId = hallId,
                ItemId = "pension",
                WindowGroup = "social",
                SlotId = $"{Day:yyyyMMdd}-1030-social",
                Date = Day,
                SlotStartsAt = At(from),
                SlotEndsAt = At(to),
                Channel = "app",
                Kind = "regular",
                Status = BookingStatus.Confirmed,
                PersonKey = key,
                IdNumberEncrypted = "enc",
                IdNumberMasked = $"310***********{key[^4..]}",
                NameEncrypted = "enc",
                NameMasked = "赵*",
                CreatedBy = "citizen-6",
                CreatedAt = At(-1440),
            });
            return db.SaveChangesAsync(Ct);
        });
}
