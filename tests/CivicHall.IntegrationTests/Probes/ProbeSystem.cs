using System.Text.Json.Nodes;
using CivicHall.IntegrationTests.Booking;
using CivicHall.IntegrationTests.Halls;
using Microsoft.Extensions.Logging;

namespace CivicHall.IntegrationTests.Probes;

/// <summary>
/// The system the probes run against, one per probe class (a class fixture: starting it is costly):
/// the five services behind the gateway, a hall configured the way production configures it (zones,
/// an item, booking, screening and occupancy policies, a registered agent, a booking, a reading, a
/// staff health file), the OpenAPI documents, and every error the services log.
/// </summary>
public sealed class ProbeSystem(TestInfrastructure infrastructure) : IAsyncLifetime
{
    public const string HallId = "probe-hall";
    public const string ItemId = "pension";
    public const string ZoneId = "floor-1";

    /// <summary>The subject of the all-roles token: the seeded agent, staff member and booker, so ownership paths run.</summary>
    public const string Subject = "probe-all";

    private readonly ConcurrentQueue<CapturedError> _errors = new();
    private int _people = 100;

    public CivicHallSystem System { get; private set; } = null!;

    /// <summary>Anonymous client of the gateway; each request carries its own token.</summary>
    public HttpClient Gateway { get; private set; } = null!;

    public ApiDescription Api { get; private set; } = null!;

    /// <summary>A token holding every role, so that authorisation never hides what a handler does.</summary>
    public string AllRoles { get; } = Token(Roles.All, Subject);

    public DateOnly Day { get; } = BookingSetup.NextWeekday();

    public IReadOnlyList<string> SlotIds { get; private set; } = [];

    public Guid BookingId { get; private set; }

    public Guid ScreeningId { get; private set; }

    public IEnumerable<CapturedError> Errors => _errors;

    public static string Token(IEnumerable<string> roles, string subject) => DevelopmentTokens.Create(roles, subject, TimeProvider.System);

    public async ValueTask InitializeAsync()
    {
        System = await CivicHallSystem.StartAsync(infrastructure, withGateway: true);
        foreach (var service in new[] { CivicHallSystem.Booking, CivicHallSystem.Screening, CivicHallSystem.Occupancy, CivicHallSystem.Sanitation, CivicHallSystem.Incident, CivicHallSystem.Gateway })
        {
            // Errors the services log (an unhandled exception's type and message), to quote with a 5xx.
            System[service].Services.GetRequiredService<ILoggerFactory>().AddProvider(new ErrorCapture(service, _errors));
        }

        Gateway = System.Client(CivicHallSystem.Gateway);
        var ct = TestContext.Current.CancellationToken;
        Api = await ApiDescription.LoadAsync(Gateway, ct);
        await ConfigureAsync(ct);

        var slots = await SendJsonAsync(HttpMethod.Get, $"/api/v1/halls/{HallId}/slots?date={Day:yyyy-MM-dd}&itemId={ItemId}", null, ct);
        SlotIds = [.. slots.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("slotId").GetString()!)];
        Assert.NotEmpty(SlotIds);

        await SendJsonAsync(HttpMethod.Put, $"/api/v1/agents/{Subject}", Example("PUT /api/v1/agents/{agentId}"), ct);
        BookingId = (await SendJsonAsync(HttpMethod.Post, "/api/v1/bookings", Example("POST /api/v1/bookings"), ct)).GetProperty("bookingId").GetGuid();
        ScreeningId = (await SendJsonAsync(HttpMethod.Post, "/api/v1/screenings", Example("POST /api/v1/screenings"), ct)).GetProperty("screeningId").GetGuid();
        await SendJsonAsync(HttpMethod.Put, $"/api/v1/staff/{Subject}/health-file", Example("PUT /api/v1/staff/{staffId}/health-file"), ct);
    }

    /// <summary>
    /// Puts the hall, its item and its three policies as the seed has them (again after a sweep that may
    /// have changed them with requests it accepted), and waits until booking and screening plan with them.
    /// </summary>
    public async Task ConfigureAsync(CancellationToken ct)
    {
        await SendJsonAsync(HttpMethod.Put, $"/api/v1/halls/{HallId}", Example("PUT /api/v1/halls/{hallId}"), ct);
        await Eventually.UntilAsync(
            async () => (await SendAsync(HttpMethod.Get, $"/api/v1/halls/{HallId}/screening-policy", null, ct)).StatusCode,
            status => status == HttpStatusCode.OK,
            because: "screening should learn of the hall");
        await Eventually.UntilAsync(
            async () => (await SendAsync(HttpMethod.Get, $"/api/v1/halls/{HallId}/booking-policy", null, ct)).StatusCode,
            status => status == HttpStatusCode.OK,
            because: "booking should learn of the hall");
        await SendJsonAsync(HttpMethod.Put, $"/api/v1/halls/{HallId}/booking-policy", Example("PUT /api/v1/halls/{hallId}/booking-policy"), ct);
        await SendJsonAsync(HttpMethod.Put, $"/api/v1/halls/{HallId}/service-items/{ItemId}", Example("PUT /api/v1/halls/{hallId}/service-items/{itemId}"), ct);
        await SendJsonAsync(HttpMethod.Put, $"/api/v1/halls/{HallId}/screening-policy", Example("PUT /api/v1/halls/{hallId}/screening-policy"), ct);
        await SendJsonAsync(HttpMethod.Put, $"/api/v1/halls/{HallId}/occupancy-policy", Example("PUT /api/v1/halls/{hallId}/occupancy-policy"), ct);

        // A changed hall reaches booking by event: wait until the day can be booked online again.
        await Eventually.UntilAsync(
            async () =>
            {
                using var response = await SendAsync(HttpMethod.Get, $"/api/v1/halls/{HallId}/slots?date={Day:yyyy-MM-dd}&itemId={ItemId}", null, ct);
                return response.IsSuccessStatusCode
                    && JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("slots").EnumerateArray()
                        .Count(s => s.GetProperty("remainingOnline").GetInt32() > 0) >= 8;
            },
            bookable => bookable,
            because: "booking should plan the hall's day with the seeded policy");
    }

    /// <summary>
    /// A valid body for an operation, by "METHOD template", fresh on every call (a new person each time,
    /// slots in turn); null for an operation the probes know no example of.
    /// </summary>
    public JsonNode? Example(string key)
    {
        var person = Interlocked.Increment(ref _people);
        var slot = SlotIds.Count == 0 ? "none" : SlotIds[person % SlotIds.Count];
        object? body = key switch
        {
            "PUT /api/v1/halls/{hallId}" => HallRequests.Qingpu(),
            "PUT /api/v1/halls/{hallId}/booking-policy" => BookingSetup.Policy(phaseShare: 1m, dailyQuota: 5000, maxActive: 5),
            "PUT /api/v1/halls/{hallId}/service-items/{itemId}" => BookingSetup.Item(),
            "PUT /api/v1/halls/{hallId}/screening-policy" => new
            {
                kinds = new[] { new { kind = "visitor", testValidityHours = (int?)72, antigenValidityHours = (int?)24, antigenOnTheSpot = false } },
                retestAtC = 37.3m,
                isolateAboveC = 37.5m,
                maskRule = "provide",
                bookingRequired = false,
                retentionDays = 28,
            },
            "PUT /api/v1/halls/{hallId}/occupancy-policy" => new
            {
                densityPer100M2 = 15m,
                zoneCaps = new Dictionary<string, int> { ["meeting_room"] = 20 },
                dailyQuota = 10_000,
                alertLevels = new[] { 80, 100 },
                alertCooldownSeconds = 300,
                retentionDays = 28,
            },
            "PUT /api/v1/agents/{agentId}" => Agent(),
            "POST /api/v1/bookings" => new { hallId = HallId, itemId = ItemId, slotId = slot, channel = "app", person = TestPeople.Person(person) },
            "POST /api/v1/bookings/batches" => new
            {
                hallId = HallId,
                itemId = ItemId,
                slotId = slot,
                enterprise = "青浦某公司",
                people = new[] { TestPeople.Person(person) },
            },
            "POST /api/v1/bookings/{bookingId}/cancel" => new { reason = "行程变更" },
            "POST /api/v1/bookings/{bookingId}/reschedule" => new { slotId = slot, reason = "临时出差" },
            "POST /api/v1/screenings" => Reading(person),
            "PUT /api/v1/staff/{staffId}/health-file" => StaffFile(person),
            "POST /api/v1/halls/{hallId}/exits" => new { exitId = Guid.NewGuid(), idNumber = TestPeople.IdNumber(person), gate = "east" },
            "POST /api/v1/halls/{hallId}/movements" => new { idNumber = TestPeople.IdNumber(person), toZoneId = ZoneId },
            "POST /api/v1/halls/{hallId}/zones/{zoneId}/closure" or "POST /api/v1/halls/{hallId}/zones/{zoneId}/reopening" => new { reason = "消杀" },
            _ => null,
        };
        return body is null ? null : JsonSerializer.SerializeToNode(body);
    }

    public static object Reading(int person) => new
    {
        hallId = HallId,
        personKind = "visitor",
        person = new { idNumber = TestPeople.IdNumber(person), name = $"测试{person}", address = "青浦区公园路100号", phone = "13800001234" },
        healthCode = "green",
        offlineCode = false,
        temperatureC = 36.5m,
        mask = true,
        symptoms = Array.Empty<string>(),
        lane = "A1",
        deviceId = "sentinel-1",
    };

    public static object StaffFile(int person) => new
    {
        hallId = HallId,
        person = new { idNumber = TestPeople.IdNumber(person), name = $"职工{person}" },
        vaccinationDoses = 3,
        lastDoseOn = "2026-01-15",
        tests = new[] { new { at = DateTimeOffset.UtcNow.AddHours(-6), kind = "nucleic", result = "negative" } },
        symptoms = new[] { new { on = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), symptoms = Array.Empty<string>() } },
    };

    private static object Agent() => new { name = "探针代办", organisation = "青浦某公司", registrationNo = "QP-2026-001", maxBatchSize = 20, active = true };

    /// <summary>A request through the gateway with the all-roles token (or <paramref name="token"/>); POSTs get an Idempotency-Key.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, JsonNode? body, CancellationToken ct, string? token = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? AllRoles);
        if (method == HttpMethod.Post)
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return Gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    /// <summary>A request that must succeed; its JSON answer.</summary>
    public async Task<JsonElement> SendJsonAsync(HttpMethod method, string url, JsonNode? body, CancellationToken ct, string? token = null)
    {
        using var response = await SendAsync(method, url, body, ct, token);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {url} answered {(int)response.StatusCode}: {Excerpt(text)}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The errors the services logged while a trace was handled (the trace id of a problem).</summary>
    public IEnumerable<CapturedError> ErrorsOf(string? traceId) => traceId is null ? [] : _errors.Where(e => e.TraceId == traceId);

    public static string Excerpt(string? text, int length = 200)
    {
        var flat = (text ?? string.Empty).ReplaceLineEndings(" ");
        return flat.Length <= length ? flat : flat[..length] + "…";
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (System is not null)
        {
            await System.DisposeAsync();
        }
    }

    /// <summary>An error a service logged: where, what, and the trace it belonged to.</summary>
    public sealed record CapturedError(string Service, string Category, string Message, string? Exception, string? TraceId)
    {
        public override string ToString() => $"{Service} {Category}: {Exception ?? Excerpt(Message)}";
    }

    private sealed class ErrorCapture(string service, ConcurrentQueue<CapturedError> errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(service, categoryName, errors);

        public void Dispose()
        {
        }

        private sealed class Logger(string service, string category, ConcurrentQueue<CapturedError> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel))
                {
                    return;
                }

                var innermost = exception;
                while (innermost?.InnerException is not null)
                {
                    innermost = innermost.InnerException;
                }

                var what = innermost is null ? null : $"{innermost.GetType().Name}: {Excerpt(innermost.Message, 160)}";
                if (exception is not null && innermost != exception)
                {
                    what = $"{exception.GetType().Name} ← {what}";
                }

                errors.Enqueue(new CapturedError(service, category, formatter(state, exception), what, Activity.Current?.TraceId.ToString()));
            }
        }
    }
}
