using CivicHall.Clients.Booking;
using CivicHall.IntegrationTests.Booking;

namespace CivicHall.IntegrationTests.Contract;

/// <summary>
/// What an integrator gets from the booking document (issue 15): a C# client NSwag generates from
/// <c>/openapi/booking.json</c> as the gateway serves it (tests/CivicHall.BookingClient, committed as
/// generated), used as it is — only the token and the gateway's address are the caller's — to set up, book,
/// replay, and read problems' <c>code</c>s.
/// </summary>
[Collection(ContractRunsAlone.Name)]
public sealed class GeneratedClientTests(GatewaySystemFixture fixture) : IClassFixture<GatewaySystemFixture>
{
    private const string HallId = "client-hall";
    private const string ItemId = "pension";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_generated_client_books_through_the_gateway_and_reads_each_problem_code()
    {
        var system = fixture.System;
        await BookingSetup.AddHallAsync(system, HallId);

        // Ops configure the item and the policy: one window, 30-minute slots, 30 minutes a case: one place a slot.
        using var opsHttp = system.Client(CivicHallSystem.Gateway, Roles.Ops);
        var ops = new BookingClient(opsHttp);
        await ops.PutServiceItemAsync(HallId, ItemId, new PutServiceItemRequest { Name = "养老金申领", WindowGroup = "social", MinutesPerCase = 30 }, Ct);
        await ops.PutBookingPolicyAsync(HallId, new PutBookingPolicyRequest
        {
            SlotMinutes = 30,
            WindowGroups = [new WindowGroupDto { Group = "social", Windows = 1 }],
            PhaseShare = 1.0,
            WalkInReserveShare = 0.0,
            HorizonDays = 7,
        }, Ct);

        using var citizenHttp = system.Client(CivicHallSystem.Gateway, Roles.Citizen);
        var citizen = new BookingClient(citizenHttp);
        var day = BookingSetup.NextWeekday();
        var slots = await Eventually.UntilAsync(
            () => citizen.GetSlotsAsync(HallId, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), null, ItemId, Ct),
            s => s.Slots.Any(x => x.RemainingOnline > 0),
            because: "booking should plan the day with the new policy");
        var slot = slots.Slots.First(s => s.RemainingOnline == 1);

        var key = Guid.NewGuid().ToString();
        var request = Request(slot.SlotId, person: 1);
        var booking = await citizen.CreateBookingAsync(key, request, Ct);
        Assert.Equal((BookingResponseStatus.Confirmed, BookingResponseChannel.App, slot.SlotId), (booking.Status, booking.Channel, booking.SlotId));

        // The same key and body replay the booking (200); the client reads it like the first answer (201).
        var replayed = await citizen.CreateBookingAsync(key, request, Ct);
        Assert.Equal(booking.BookingId, replayed.BookingId);

        var full = await Assert.ThrowsAsync<BookingApiException<Problem>>(() => citizen.CreateBookingAsync(Guid.NewGuid().ToString(), Request(slot.SlotId, person: 2), Ct));
        Assert.Equal((409, "slot_full"), (full.StatusCode, full.Result.Code));

        var reused = await Assert.ThrowsAsync<BookingApiException<Problem>>(() => citizen.CreateBookingAsync(key, Request(slot.SlotId, person: 3), Ct));
        Assert.Equal((409, "idempotency_key_reused"), (reused.StatusCode, reused.Result.Code));

        var invalid = Request(slot.SlotId, person: 4);
        invalid.Person!.IdNumber = "310101198001011230";
        var refused = await Assert.ThrowsAsync<BookingApiException<Problem>>(() => citizen.CreateBookingAsync(Guid.NewGuid().ToString(), invalid, Ct));
        Assert.Equal((400, "validation_failed"), (refused.StatusCode, refused.Result.Code));
        Assert.Contains("person.idNumber", refused.Result.Errors!.Keys);

        var unknown = await Assert.ThrowsAsync<BookingApiException<Problem>>(() => citizen.GetBookingAsync(Guid.NewGuid(), Ct));
        Assert.Equal((404, "not_found"), (unknown.StatusCode, unknown.Result.Code));

        var read = await citizen.GetBookingAsync(booking.BookingId, Ct);
        Assert.Equal((BookingResponseStatus.Confirmed, "测**"), (read.Status, read.Person.Name));

        var cancelled = await citizen.CancelBookingAsync(booking.BookingId, new CancelBookingRequest { Reason = "行程变更" }, Ct);
        Assert.Equal(BookingResponseStatus.Cancelled, cancelled.Status);
    }

    [Fact]
    public async Task The_committed_client_is_what_NSwag_makes_of_the_served_document()
    {
        var root = OpenApiLintTests.RepositoryRoot();
        var folder = Directory.CreateTempSubdirectory("civichall-client-");
        try
        {
            using var anonymous = fixture.System.Client(CivicHallSystem.Gateway);
            var document = Path.Combine(folder.FullName, "booking.json");
            await File.WriteAllTextAsync(document, await anonymous.GetStringAsync("/openapi/booking.json", Ct), Ct);
            var generated = Path.Combine(folder.FullName, "BookingClient.g.cs");

            using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "generate-client"), document, generated])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEndAsync(Ct);
            var errors = process.StandardError.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromMinutes(5), Ct);
            Assert.True(process.ExitCode == 0, $"scripts/generate-client exited {process.ExitCode}: {await output}{await errors}");

            var committed = await File.ReadAllTextAsync(Path.Combine(root, "tests", "CivicHall.BookingClient", "BookingClient.g.cs"), Ct);
            Assert.True(
                string.Equals(committed, await File.ReadAllTextAsync(generated, Ct), StringComparison.Ordinal),
                "tests/CivicHall.BookingClient/BookingClient.g.cs is not what NSwag makes of today's booking document: run the contract tests, then scripts/generate-client.");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static CreateBookingRequest Request(string slotId, int person) => new()
    {
        HallId = HallId,
        ItemId = ItemId,
        SlotId = slotId,
        Channel = CreateBookingRequestChannel.App,
        Person = new PersonDto { IdNumber = TestPeople.IdNumber(person), Name = $"测试{person}", Phone = "13800001234" },
    };
}
