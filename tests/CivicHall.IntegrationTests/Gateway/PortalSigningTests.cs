using CivicHall.Booking.Bookings;
using CivicHall.Booking.Data;
using CivicHall.Gateway;
using CivicHall.Gateway.Portal;
using CivicHall.IntegrationTests.Booking;
using CivicHall.ServiceDefaults.Problems;

namespace CivicHall.IntegrationTests.Gateway;

/// <summary>
/// Signed portal requests through the gateway (README "Portal signing"): two registered clients, one
/// with two secrets (a rotation's overlap) and the booking routes, one allowed the halls only; the
/// gateway's nonces in a database of its own, shared with a second gateway replica where a test needs one.
/// </summary>
public sealed class PortalSigningTests(PortalSigningTests.Fixture fixture) : IClassFixture<PortalSigningTests.Fixture>
{
    public const string OldSecret = "portal-secret-one-0123456789abcdef-0123456789";
    public const string NewSecret = "portal-secret-two-0123456789abcdef-0123456789";
    public const string NarrowSecret = "portal-secret-narrow-0123456789abcdef-01234567";
    private static readonly DateOnly Day = BookingSetup.NextWeekday();

    private readonly CivicHallSystem _system = fixture.System;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Fixture(TestInfrastructure infrastructure) : IAsyncLifetime
    {
        public CivicHallSystem System { get; private set; } = null!;

        public async ValueTask InitializeAsync() =>
            System = await CivicHallSystem.StartAsync(infrastructure, withGateway: true, gatewaySettings: Clients(OldSecret, NewSecret));

        public async ValueTask DisposeAsync()
        {
            if (System is not null)
            {
                await System.DisposeAsync();
            }
        }
    }

    /// <summary>The portal clients: <c>yiwang</c> with the given secrets and the booking routes, <c>narrow</c> with the halls only.</summary>
    public static Dictionary<string, string?> Clients(params string[] yiwangSecrets)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Portal:Clients:yiwang:Name"] = "一网通办",
            ["Portal:Clients:yiwang:AllowedRoutes:0"] = "bookings",
            ["Portal:Clients:yiwang:AllowedRoutes:1"] = "slots",
            ["Portal:Clients:yiwang:AllowedRoutes:2"] = "service-items",
            ["Portal:Clients:yiwang:AllowedRoutes:3"] = "halls",
            ["Portal:Clients:narrow:Secrets:0"] = NarrowSecret,
            ["Portal:Clients:narrow:AllowedRoutes:0"] = "halls",
        };
        for (var i = 0; i < yiwangSecrets.Length; i++)
        {
            settings[$"Portal:Clients:yiwang:Secrets:{i}"] = yiwangSecrets[i];
        }

        return settings;
    }

    private HttpClient Gateway() => _system.Client(CivicHallSystem.Gateway);

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        if ((int)status < 500)
        {
            // A server-side answer carries no detail by design (ProblemDetailsSetup).
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        }
    }

    [Fact]
    public async Task The_portal_books_for_the_citizen_it_names_and_reads_the_booking_back_as_that_citizen()
    {
        await HallOfOne.SetUpAsync(_system, "portal-hall", "门户厅", new { });
        var portal = new PortalSigner("yiwang", OldSecret, "citizen-portal-1");
        using var gateway = Gateway();

        using var book = portal.Sign(HttpMethod.Post, "/api/v1/bookings", new
        {
            hallId = "portal-hall",
            itemId = "pension",
            slotId = $"{Day:yyyyMMdd}-0900-social",
            channel = "portal",
            person = TestPeople.Person(301),
        });
        book.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var booked = await gateway.SendAsync(book, Ct);
        Assert.True(HttpStatusCode.Created == booked.StatusCode, await booked.Content.ReadAsStringAsync(Ct));
        var bookingId = Guid.Parse((await booked.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetString()!);

        // Booking recorded the named citizen as the one who booked, not the portal.
        var createdBy = await _system.QueryAsync<BookingDbContext, string>(
            CivicHallSystem.Booking, db => db.Set<CivicHall.Booking.Bookings.Booking>().Where(b => b.Id == bookingId).Select(b => b.CreatedBy).SingleAsync(Ct));
        Assert.Equal("citizen-portal-1", createdBy);

        using var read = await gateway.SendAsync(portal.Sign(HttpMethod.Get, $"/api/v1/bookings/{bookingId}"), Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        // Another citizen named by the same portal sees nothing of it.
        var other = new PortalSigner("yiwang", OldSecret, "citizen-portal-2");
        using var foreign = await gateway.SendAsync(other.Sign(HttpMethod.Get, $"/api/v1/bookings/{bookingId}"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task A_query_is_signed_in_canonical_order_whatever_order_it_is_sent_in()
    {
        var portal = new PortalSigner("yiwang", OldSecret, "citizen-portal-3");
        using var gateway = Gateway();
        using var response = await gateway.SendAsync(portal.Sign(HttpMethod.Get, "/api/v1/halls?limit=5&cursor=&name=%E9%97%A8%20x"), Ct);
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_signature_is_refused()
    {
        var forger = new PortalSigner("yiwang", "not-the-secret-0123456789abcdef-0123456789", "citizen-portal-4");
        using var gateway = Gateway();
        using var response = await gateway.SendAsync(forger.Sign(HttpMethod.Get, "/api/v1/halls"), Ct);
        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, PortalProblems.SignatureInvalid);

        // A body changed after signing breaks the signature too.
        var portal = new PortalSigner("yiwang", OldSecret, "citizen-portal-4");
        using var tampered = portal.Sign(HttpMethod.Post, "/api/v1/bookings", new { hallId = "a" });
        tampered.Content = JsonContent.Create(new { hallId = "b" });
        using var refused = await gateway.SendAsync(tampered, Ct);
        await AssertRefusedAsync(refused, HttpStatusCode.Unauthorized, PortalProblems.SignatureInvalid);
    }

    [Fact]
    public async Task A_stale_or_future_timestamp_is_refused()
    {
        var portal = new PortalSigner("yiwang", OldSecret, "citizen-portal-5");
        using var gateway = Gateway();
        using var stale = await gateway.SendAsync(portal.Sign(HttpMethod.Get, "/api/v1/halls", signedAt: DateTimeOffset.UtcNow.AddMinutes(-6)), Ct);
        await AssertRefusedAsync(stale, HttpStatusCode.Unauthorized, PortalProblems.TimestampOutOfWindow);
        using var future = await gateway.SendAsync(portal.Sign(HttpMethod.Get, "/api/v1/halls", signedAt: DateTimeOffset.UtcNow.AddMinutes(6)), Ct);
        await AssertRefusedAsync(future, HttpStatusCode.Unauthorized, PortalProblems.TimestampOutOfWindow);
    }

    [Fact]
    public async Task A_replayed_nonce_is_refused_by_the_same_gateway_and_by_another_replica()
    {
        var portal = new PortalSigner("yiwang", OldSecret, "citizen-portal-6");
        using var gateway = Gateway();
        using var request = portal.Sign(HttpMethod.Get, "/api/v1/halls?limit=2");
        using var replay = await PortalSigner.CopyAsync(request);
        using var replayElsewhere = await PortalSigner.CopyAsync(request);

        using var first = await gateway.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var again = await gateway.SendAsync(replay, Ct);
        await AssertRefusedAsync(again, HttpStatusCode.Unauthorized, PortalProblems.NonceReplayed);

        await using var second = new ServiceHost<GatewayEntryPoint>("gateway-2", _system.GatewaySettings, listenOnKestrel: true);
        using var secondClient = ((IServiceHost)second).CreateClient();
        using var elsewhere = await secondClient.SendAsync(replayElsewhere, Ct);
        await AssertRefusedAsync(elsewhere, HttpStatusCode.Unauthorized, PortalProblems.NonceReplayed);

        // The same nonce under another app key is another client's: not a replay.
        var narrow = new PortalSigner("narrow", NarrowSecret, "citizen-portal-6");
        using var other = await secondClient.SendAsync(narrow.Sign(HttpMethod.Get, "/api/v1/halls?limit=2", nonce: request.Headers.GetValues(PortalHeaders.Nonce).Single()), Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task An_unknown_app_key_is_refused()
    {
        var stranger = new PortalSigner("stranger", OldSecret, "citizen-portal-7");
        using var gateway = Gateway();
        using var response = await gateway.SendAsync(stranger.Sign(HttpMethod.Get, "/api/v1/halls"), Ct);
        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, PortalProblems.AppKeyUnknown);
    }

    [Fact]
    public async Task A_route_outside_the_clients_rights_is_forbidden()
    {
        var narrow = new PortalSigner("narrow", NarrowSecret, "citizen-portal-8");
        using var gateway = Gateway();
        using var response = await gateway.SendAsync(narrow.Sign(HttpMethod.Get, $"/api/v1/bookings/{Guid.NewGuid()}"), Ct);
        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, PortalProblems.RouteNotAllowed);
        using var allowed = await gateway.SendAsync(narrow.Sign(HttpMethod.Get, "/api/v1/halls"), Ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Incomplete_or_malformed_signature_headers_are_refused_naming_the_header()
    {
        var portal = new PortalSigner("yiwang", OldSecret, "citizen-portal-9");
        using var gateway = Gateway();
        using var request = portal.Sign(HttpMethod.Get, "/api/v1/halls");
        request.Headers.Remove(PortalHeaders.Nonce);
        using var response = await gateway.SendAsync(request, Ct);
        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, PortalProblems.HeadersMissing);

        using var english = portal.Sign(HttpMethod.Get, "/api/v1/halls");
        english.Headers.Remove(PortalHeaders.Citizen);
        english.Headers.AcceptLanguage.ParseAdd("en");
        using var named = await gateway.SendAsync(english, Ct);
        Assert.Contains(PortalHeaders.Citizen, (await named.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var shortNonce = await gateway.SendAsync(portal.Sign(HttpMethod.Get, "/api/v1/halls", nonce: "short"), Ct);
        await AssertRefusedAsync(shortNonce, HttpStatusCode.Unauthorized, PortalProblems.HeaderInvalid);
        var badCitizen = new PortalSigner("yiwang", OldSecret, "..bad citizen");
        using var citizen = await gateway.SendAsync(badCitizen.Sign(HttpMethod.Get, "/api/v1/halls"), Ct);
        await AssertRefusedAsync(citizen, HttpStatusCode.Unauthorized, PortalProblems.HeaderInvalid);
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_are_valid_and_after_it_the_old_one_is_refused()
    {
        using var gateway = Gateway();
        foreach (var secret in new[] { OldSecret, NewSecret })
        {
            using var response = await gateway.SendAsync(new PortalSigner("yiwang", secret, "citizen-portal-10").Sign(HttpMethod.Get, "/api/v1/halls"), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The old secret removed from the configuration (a gateway started with the new one only).
        var settings = new Dictionary<string, string?>(_system.GatewaySettings.Where(s => !s.Key.StartsWith("Portal:Clients:yiwang:Secrets", StringComparison.Ordinal)), StringComparer.Ordinal)
        {
            ["Portal:Clients:yiwang:Secrets:0"] = NewSecret,
        };
        await using var rotated = new ServiceHost<GatewayEntryPoint>("gateway-rotated", settings, listenOnKestrel: true);
        using var client = ((IServiceHost)rotated).CreateClient();
        using var old = await client.SendAsync(new PortalSigner("yiwang", OldSecret, "citizen-portal-10").Sign(HttpMethod.Get, "/api/v1/halls"), Ct);
        await AssertRefusedAsync(old, HttpStatusCode.Unauthorized, PortalProblems.SignatureInvalid);
        using var current = await client.SendAsync(new PortalSigner("yiwang", NewSecret, "citizen-portal-10").Sign(HttpMethod.Get, "/api/v1/halls"), Ct);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Theory]
    [InlineData("Portal:Clients:yiwang:Secrets:0", "too-short-a-secret")]
    [InlineData("Portal:Clients:yiwang:Secrets:2", "a-third-secret-0123456789abcdef-0123456789")]
    [InlineData("Portal:Clients:yiwang:AllowedRoutes:4", "no-such-route")]
    public void A_gateway_with_a_client_it_cannot_trust_refuses_to_start(string key, string value)
    {
        var settings = new Dictionary<string, string?>(_system.GatewaySettings, StringComparer.Ordinal) { [key] = value };
        var failure = Assert.ThrowsAny<Exception>(() => new ServiceHost<GatewayEntryPoint>("gateway-refused", settings, listenOnKestrel: false));
        Assert.Contains("Portal:Clients:yiwang", failure.ToString(), StringComparison.Ordinal);
        if (key.Contains("Secrets", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(value, failure.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_development_portal_secret_is_refused_outside_development()
    {
        var options = new PortalOptions();
        options.Clients["dev"] = new PortalClientOptions();
        options.Clients["dev"].Secrets.Add(PortalOptions.DevelopmentSecret);
        options.Clients["dev"].AllowedRoutes.Add("halls");
        var failure = Assert.Throws<InvalidOperationException>(() => options.Validate(["halls"], development: false, hasDatabase: true));
        Assert.Contains("development portal secret", failure.Message, StringComparison.Ordinal);
        options.Validate(["halls"], development: true, hasDatabase: true);
    }

    [Fact]
    public async Task With_the_gateways_database_away_a_signed_request_is_503_with_Retry_After_and_bearer_traffic_is_untouched()
    {
        var settings = new Dictionary<string, string?>(Clients(OldSecret), StringComparer.Ordinal)
        {
            ["ConnectionStrings:gateway"] = "Host=127.0.0.1;Port=9;Database=nowhere;Username=nobody;Password=none;Timeout=2",
        };
        await using var gateway = await StandInGateway.StartAsync(settings);
        using var client = gateway.Client();
        using var signed = await client.SendAsync(new PortalSigner("yiwang", OldSecret, "citizen-portal-11").Sign(HttpMethod.Get, "/api/v1/halls"), Ct);
        await AssertRefusedAsync(signed, HttpStatusCode.ServiceUnavailable, ProblemCodes.TemporarilyUnavailable);
        Assert.NotNull(signed.Headers.RetryAfter);

        using var bearer = gateway.Client("bearer-while-db-away");
        using var read = await bearer.GetAsync("/api/v1/halls", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}
