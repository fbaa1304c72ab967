using CivicHall.Contracts.Tracing.V1;
using CivicHall.Incident.Cases;
using CivicHall.Incident.Policies;

namespace CivicHall.Incident.Tracing;

/// <summary>Why a tracing was refused (each its problem in <see cref="TracingEndpoints"/>).</summary>
public enum TracingRefusal
{
    None,
    IncidentUnknown,
    NoPersonKey,
    Closed,
    HallUnknown,
    NoPresenceInWindow,
}

/// <summary>
/// One tracing run: the case's window and parameters from the incident policy in force when it opened, the three
/// sources asked at once (then occupancy's <c>seen</c> for the bookings overlapping the case's stays, and identities
/// for everyone named), <see cref="TracingRules"/>, and the snapshot stored with <c>ContactsTraced</c>. A source that
/// fails is named in <c>missingSources</c> and the list is <c>partial</c>, never a silent short list.
/// </summary>
public sealed class TracingRunner(TracingSources sources)
{
    public async Task<(TracingRefusal Refusal, TracingRun? Run)> RunAsync(
        IncidentDbContext db, Guid incidentId, string by, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(c => c.IncidentId == incidentId, cancellationToken);
        if (incident is null)
        {
            return (TracingRefusal.IncidentUnknown, null);
        }

        if (incident.State == IncidentState.Closed)
        {
            return (TracingRefusal.Closed, null);
        }

        if (string.IsNullOrEmpty(incident.PersonKey))
        {
            return (TracingRefusal.NoPersonKey, null);
        }

        if (await db.Halls.FindKnownAsync(incident.HallId, cancellationToken) is not { } hall)
        {
            return (TracingRefusal.HallUnknown, null);
        }

        var policy = await IncidentPolicies.InForceAsync(db, incident.HallId, incident.OpenedAt, cancellationToken);
        var days = await db.IncidentSteps.AsNoTracking().Where(s => s.IncidentId == incidentId && s.Step == IncidentState.Opened)
            .Select(s => s.Details).SingleOrDefaultAsync(cancellationToken);
        var (from, to) = TracingRules.Window(incident.OpenedAt, days?.Days, hall.TimeZone, policy.TracingDaysBefore);
        var key = incident.PersonKey;
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var truncated = new SortedSet<string>(StringComparer.Ordinal);

        var presencesTask = sources.PresencesAsync(hall.HallId, new PresenceQuery(key, from, to, policy.TracingBufferMinutes), cancellationToken);
        var lanesTask = sources.ScreeningsAsync(hall.HallId, new LaneQuery(key, from, to, policy.EntranceWindowMinutes), cancellationToken);
        var bookingsTask = sources.BookingsAsync(hall.HallId, new BookingQuery(from, to), cancellationToken);
        var presences = Note(await presencesTask, TracingSources.Occupancy, a => a.Truncated, missing, truncated);
        var lanes = Note(await lanesTask, TracingSources.Screening, a => a.Truncated, missing, truncated);
        var bookings = Note(await bookingsTask, TracingSources.Booking, a => a.Truncated, missing, truncated);

        if (missing.Count == 0 && presences!.Case.Count == 0 && lanes!.Case.Count == 0)
        {
            return (TracingRefusal.NoPresenceInWindow, null);
        }

        var buffer = TimeSpan.FromMinutes(policy.TracingBufferMinutes);
        var inputs = new TracingInputs
        {
            CaseKey = key,
            WindowTo = to,
            Buffer = buffer,
            EntranceWindow = TimeSpan.FromMinutes(policy.EntranceWindowMinutes),
            CaseStays = presences?.Case ?? [],
            Others = presences?.Others ?? [],
            CaseScreenings = lanes?.Case ?? [],
            OtherScreenings = lanes?.Others ?? [],
            Bookings = bookings?.Bookings ?? [],
        };
        inputs = inputs with { Seen = await SeenAsync(hall.HallId, inputs, buffer, missing, cancellationToken) };
        inputs = inputs with { Identities = await IdentitiesAsync(hall.HallId, inputs, missing, cancellationToken) };
        var list = TracingRules.Build(inputs);
        var now = timeProvider.GetUtcNow();
        var run = new TracingRun
        {
            TracingId = Guid.CreateVersion7(now),
            IncidentId = incidentId,
            HallId = incident.HallId,
            PersonKey = key,
            WindowFrom = from,
            WindowTo = to,
            BufferMinutes = policy.TracingBufferMinutes,
            EntranceWindowMinutes = policy.EntranceWindowMinutes,
            PolicyVersion = policy.Version,
            Partial = missing.Count > 0 || truncated.Count > 0,
            MissingSources = [.. missing],
            TruncatedSources = [.. truncated],
            Contacts = list,
            PersonKeys = [.. list.PersonKeys()],
            CreatedBy = by,
            CreatedAt = now,
        };
        await TracingStore.AddAsync(db, run, timeProvider, cancellationToken);
        return (TracingRefusal.None, run);
    }

    private static T? Note<T>(T? answer, string source, Func<T, bool> capped, SortedSet<string> missing, SortedSet<string> truncated)
        where T : class
    {
        if (answer is null)
        {
            missing.Add(source);
        }
        else if (capped(answer))
        {
            truncated.Add(source);
        }

        return answer;
    }

    /// <summary>Occupancy's <c>seen</c>, once per distinct slot (± the buffer); null when occupancy could not say.</summary>
    private async Task<IReadOnlySet<string>?> SeenAsync(string hallId, TracingInputs inputs, TimeSpan buffer, SortedSet<string> missing, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slot in TracingRules.BookingCandidates(inputs).GroupBy(b => (b.SlotStartsAt, b.SlotEndsAt)))
        {
            var answer = await sources.SeenAsync(hallId, new SeenQuery([.. slot.Select(b => b.PersonKey).Distinct(StringComparer.Ordinal)],
                slot.Key.SlotStartsAt - buffer, slot.Key.SlotEndsAt + buffer), cancellationToken);
            if (answer is null)
            {
                missing.Add(TracingSources.Occupancy);
                return null;
            }

            seen.UnionWith(answer.Seen);
        }

        return seen;
    }

    /// <summary>Masked identities: screening's for everyone named, booking's for those screening never saw.</summary>
    private async Task<IReadOnlyDictionary<string, MaskedIdentity>> IdentitiesAsync(
        string hallId, TracingInputs inputs, SortedSet<string> missing, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, MaskedIdentity>(StringComparer.Ordinal);
        var wanted = TracingRules.PeopleToIdentify(inputs);
        if (wanted.Count == 0)
        {
            return found;
        }

        if (await sources.IdentitiesAsync(TracingSources.Screening, hallId, new IdentityQuery(wanted), cancellationToken) is { } screened)
        {
            foreach (var person in screened.People)
            {
                found[person.PersonKey] = person;
            }
        }
        else
        {
            missing.Add(TracingSources.Screening);
        }

        var rest = wanted.Where(k => !found.ContainsKey(k)).ToList();
        if (rest.Count > 0)
        {
            if (await sources.IdentitiesAsync(TracingSources.Booking, hallId, new IdentityQuery(rest), cancellationToken) is { } booked)
            {
                foreach (var person in booked.People)
                {
                    found[person.PersonKey] = person;
                }
            }
            else
            {
                missing.Add(TracingSources.Booking);
            }
        }

        return found;
    }
}
