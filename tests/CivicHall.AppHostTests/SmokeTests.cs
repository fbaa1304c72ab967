using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CivicHall.ServiceDefaults.PersonalData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CivicHall.AppHostTests;

/// <summary>
/// The AppHost starts the whole system (native PostgreSQL and RabbitMQ, five services, the gateway)
/// and a visit goes through it, every call through the gateway: a hall is set up, a citizen books and
/// checks in, the entrance screens and admits, and occupancy shows the person inside.
/// </summary>
public sealed class SmokeTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(8);

    private static readonly string[] Keys = ["jwt-signing-key", "personal-data-hash-key", "personal-data-encryption-key"];

    private static readonly HashSet<int> TakenPorts = [];

    private static readonly string[] Passwords = ["postgres-password", "rabbitmq-password"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_AppHost_runs_a_visit_from_booking_to_inside()
    {
        var state = Directory.CreateTempSubdirectory("civichall-apphost-smoke-");
        // Created private to root; the servers run as the postgres and rabbitmq users and must reach their directories.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(state.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        try
        {
            await using var app = await StartAsync(state.FullName);
            using var gateway = app.CreateHttpClient("gateway");
            await RunVisitAsync(gateway);
        }
        finally
        {
            await DeleteWhenReleasedAsync(state);
        }
    }

    private static async Task<DistributedApplication> StartAsync(string state)
    {
        // Ports of its own (a developer's scripts/run may hold the fixed ones), state of its own, and
        // keys given here rather than generated into this machine's user secrets.
        string[] ports = ["gateway", "booking", "screening", "occupancy", "sanitation", "incident",
            "postgres", "rabbitmq", "rabbitmq-management", "rabbitmq-distribution", "rabbitmq-epmd"];
        string[] args =
        [
            "--environment=Development",
            "--Infrastructure:Mode=native",
            $"--Infrastructure:StateDirectory={state}",
            .. ports.Select(name => $"--Topology:Ports:{name}={FreePort()}"),
            .. Keys.Select(name => $"--Parameters:{name}={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}"),
            .. Passwords.Select(name => $"--Parameters:{name}={Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}"),
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CivicHall_AppHost>(
            args, (options, _) => options.DisableDashboard = true, Ct);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        var app = await builder.BuildAsync(Ct);
        using var starting = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        starting.CancelAfter(StartTimeout);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(starting.Token);

        // Healthy, or the first resource that ended (a process that failed at start would otherwise
        // leave the gateway waiting for it until the timeout); StartAsync itself waits for the
        // resources that wait for others, so it is watched beside them.
        var healthy = StartedAndHealthyAsync(app, starting.Token);
        var ended = FirstEndedAsync(app.ResourceNotifications, watching.Token);
        try
        {
            if (await Task.WhenAny(healthy, ended) == ended && ended.IsCompletedSuccessfully)
            {
                var resource = await ended;
                Assert.Fail($"{resource.ResourceId} ended ({resource.Snapshot.State?.Text}, exit code {resource.Snapshot.ExitCode}) "
                    + $"before the system was healthy. {Describe(app)}");
            }

            await healthy;
        }
        catch (OperationCanceledException) when (starting.IsCancellationRequested && !Ct.IsCancellationRequested)
        {
            var states = Describe(app);
            await app.DisposeAsync();
            Assert.Fail($"The system was not healthy within {StartTimeout}. {states}");
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        finally
        {
            await watching.CancelAsync();
        }

        return app;
    }

    private static async Task StartedAndHealthyAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cancellationToken);
    }

    /// <summary>Each resource's state and health, for a failure message.</summary>
    private static string Describe(DistributedApplication app) => string.Join("; ",
        app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Select(resource =>
            app.ResourceNotifications.TryGetCurrentState(resource.Name, out var current)
                ? $"{resource.Name}: {current.Snapshot.State?.Text ?? "?"}/{current.Snapshot.HealthStatus?.ToString() ?? "-"}"
                : $"{resource.Name}: unknown"));

    private static async Task<ResourceEvent> FirstEndedAsync(ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        await foreach (var resource in notifications.WatchAsync(cancellationToken))
        {
            if (resource.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state))
            {
                return resource;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    private static async Task RunVisitAsync(HttpClient gateway)
    {
        // A hall whose local time is now between 10:00 and 11:00, open every day 09:00–17:00: the
        // next half-hour slot is bookable and its check-in and entrance windows are open.
        var now = DateTimeOffset.UtcNow;
        var offset = 10 - now.Hour;
        offset = offset < -12 ? offset + 24 : offset > 14 ? offset - 24 : offset;
        var timeZone = offset == 0 ? "Etc/GMT" : string.Create(CultureInfo.InvariantCulture, $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}");
        var hallId = $"smoke-{now:HHmmss}";

        using var ops = await AsAsync(gateway, "ops");
        var days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}", new
        {
            name = "冒烟测试厅",
            district = "青浦区",
            timeZone,
            openingHours = days.Select(day => new { day, opens = "09:00", closes = "17:00" }).ToArray(),
            overrides = Array.Empty<object>(),
            zones = new[] { new { zoneId = "floor-1", kind = "service_floor", name = "服务区", areaM2 = 100m } },
        }, Ct)).EnsureSuccessStatusCode();

        // The hall reaches booking and screening as an event; their policies can be set once it has.
        await SucceedsAsync(() => ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/booking-policy", new
        {
            slotMinutes = 30,
            windowGroups = new[] { new { group = "social", windows = 4 } },
            phaseShare = 1m,
            dailyQuota = 500,
            horizonDays = 7,
            maxActiveBookingsPerPerson = 3,
            checkInEarlyMinutes = 30,
            checkInLateMinutes = 15,
            walkInReserveShare = 0m,
            greenChannelDailyLimit = 2,
        }, Ct), "booking should learn of the hall");
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/service-items/pension", new
        {
            name = "养老金申领",
            windowGroup = "social",
            minutesPerCase = 10,
            onlineCapable = false,
        }, Ct)).EnsureSuccessStatusCode();
        await SucceedsAsync(() => ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/screening-policy", new { }, Ct), "screening should learn of the hall");

        await PortalReadsSlotsAsync(gateway, hallId, DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(offset)).DateTime));

        var idNumber = ChineseIdNumber.WithCheckDigit(string.Create(CultureInfo.InvariantCulture, $"9901011985{now:MMdd}{now.Millisecond % 1000:D3}"));
        var person = new { idNumber, name = "冒烟", phone = "13800001234" };
        using var citizen = await AsAsync(gateway, "citizen");
        // The next half-hour slot, chosen now rather than before the setup (which took minutes on a busy host, and
        // the slot had begun by the time it was booked): one that begins within 20 s is left for the one after it,
        // waiting for the boundary to pass so that the slot's check-in (from 30 minutes before) is open.
        var local = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(offset));
        var slotStart = local.AddMinutes(30 - (local.Minute % 30)).AddSeconds(-local.Second).AddTicks(-(local.Ticks % TimeSpan.TicksPerSecond));
        if (slotStart - local < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(slotStart - local + TimeSpan.FromSeconds(1), Ct);
            slotStart = slotStart.AddMinutes(30);
        }

        var slotId = string.Create(CultureInfo.InvariantCulture, $"{slotStart:yyyyMMdd}-{slotStart:HHmm}-social");
        using var book = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new { hallId, itemId = "pension", slotId, channel = "app", person }),
        };
        book.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var booked = await citizen.SendAsync(book, Ct);
        Assert.True(booked.StatusCode == HttpStatusCode.Created, $"booking {slotId} answered {(int)booked.StatusCode}: {await booked.Content.ReadAsStringAsync(Ct)}");
        var bookingId = (await booked.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetString();
        var checkedIn = await citizen.PostAsync($"/api/v1/bookings/{bookingId}/check-in", null, Ct);
        Assert.True(checkedIn.IsSuccessStatusCode, $"check-in answered {(int)checkedIn.StatusCode}: {await checkedIn.Content.ReadAsStringAsync(Ct)}");

        // The booking reaches screening as an event; until it has, the entrance answers
        // booking.missing (a recorded refusal the person may retry at once).
        using var screener = await AsAsync(gateway, "screener");
        var screening = await EventuallyAsync(async () =>
        {
            var answer = await screener.PostAsJsonAsync("/api/v1/screenings", new
            {
                hallId,
                personKind = "visitor",
                person,
                healthCode = "green",
                testAt = now.AddHours(-24),
                testResult = "negative",
                temperatureC = 36.5m,
                mask = true,
                lane = "A1",
            }, Ct);
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            return await answer.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }, s => s.GetProperty("outcome").GetString() == "admit", "screening should learn of the booking and admit");

        var occupancy = await EventuallyAsync(
            () => screener.GetFromJsonAsync<JsonElement>($"/api/v1/halls/{hallId}/occupancy", Ct),
            view => view.GetProperty("inside").GetInt32() == 1, "occupancy should let the admitted person in");
        Assert.Equal(0, occupancy.GetProperty("queueLength").GetInt32());
        Assert.NotEqual(Guid.Empty, screening.GetProperty("screeningId").GetGuid());
    }

    /// <summary>
    /// The development portal client the AppHost registers, signing as README "Portal signing" says: the day's
    /// slots answer 200, and the same nonce again is refused as a replay — which only the gateway's database
    /// (the nonces) can tell.
    /// </summary>
    private static async Task PortalReadsSlotsAsync(HttpClient gateway, string hallId, DateOnly localDate)
    {
        var path = $"/api/v1/halls/{hallId}/slots";
        var query = string.Create(CultureInfo.InvariantCulture, $"date={localDate:yyyy-MM-dd}");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var canonical = string.Join('\n', "GET", path, query, timestamp, nonce, "smoke-citizen", Convert.ToHexStringLower(SHA256.HashData([])));
        var signature = Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("civichall-development-portal-secret-not-for-production"), Encoding.UTF8.GetBytes(canonical)));
        HttpRequestMessage Signed()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?{query}");
            request.Headers.Add("X-CivicHall-AppKey", "dev-portal");
            request.Headers.Add("X-CivicHall-Timestamp", timestamp);
            request.Headers.Add("X-CivicHall-Nonce", nonce);
            request.Headers.Add("X-CivicHall-Citizen", "smoke-citizen");
            request.Headers.Add("X-CivicHall-Signature", signature);
            return request;
        }

        using var first = Signed();
        var answer = await gateway.SendAsync(first, Ct);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"the signed portal read answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(Ct)}");
        using var replay = Signed();
        var replayed = await gateway.SendAsync(replay, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal("portal_nonce_replayed", (await replayed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    private static async Task<HttpClient> AsAsync(HttpClient gateway, string role)
    {
        var token = await gateway.PostAsync($"/dev/token?role={role}", null, Ct);
        token.EnsureSuccessStatusCode();
        var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString());
        return client;
    }

    private static Task<int> SucceedsAsync(Func<Task<HttpResponseMessage>> call, string because) =>
        EventuallyAsync(async () => (int)(await call()).StatusCode, status => status is >= 200 and < 300, because);

    /// <summary>Repeats <paramref name="read"/> until <paramref name="done"/> holds, for at most 30 s.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string because)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"{because}; last seen: {(value is JsonElement json ? json.GetRawText() : value?.ToString())}");
            await Task.Delay(delay, Ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }

    private static bool ProcessesUsing(string path)
    {
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(process), out _)
                    && File.ReadAllText(Path.Combine(process, "cmdline")).Contains(path, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return false;
    }

    /// <summary>
    /// A port nothing listens on, below the ephemeral range (32768–60999 here): a port the system hands
    /// out for port 0 may be handed out again, to an outgoing connection of a parallel test, before the
    /// server it was picked for binds it.
    /// </summary>
    private static int FreePort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20000, 32000);
            if (!TakenPorts.Add(port))
            {
                continue;
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: try another.
            }
        }
    }

    private static async Task DeleteWhenReleasedAsync(DirectoryInfo state)
    {
        // The native servers finish their shutdown after the AppHost has gone: wait for every process
        // that names the directory (the servers, their guardians) to end, for at most 60 s.
        for (var attempt = 0; attempt < 120 && ProcessesUsing(state.FullName); attempt++)
        {
            await Task.Delay(500, CancellationToken.None);
        }

        for (var attempt = 0; attempt < 60; attempt++)
        {
            try
            {
                state.Delete(recursive: true);
                return;
            }
            catch (IOException)
            {
                await Task.Delay(500, CancellationToken.None);
            }
            catch (UnauthorizedAccessException)
            {
                await Task.Delay(500, CancellationToken.None);
            }
        }
    }
}
