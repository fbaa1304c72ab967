using CivicHall.Booking.Agents;
using CivicHall.Booking.Bookings;
using CivicHall.Booking.Calls;
using CivicHall.Booking.Items;
using CivicHall.Booking.Ledgers;
using CivicHall.Booking.Policies;
using CivicHall.Booking.Slots;
using CivicHall.Booking.Tracing;

namespace CivicHall.Booking;

/// <summary>The booking service's API: what its OpenAPI document (<c>/openapi/booking.json</c> at the gateway) says of it, and its endpoints.</summary>
public static class BookingApi
{
    public static ApiContract Contract { get; } = new(
        "booking",
        "CivicHall booking (预约)",
        """
        Booking a visit to a service hall (DESIGN §4): the bookable service items (事项) and the booking policy of each hall, the day's slots with what remains, off-peak suggestions (错峰), bookings by citizens (app), the 一网通办 portal and window staff (phone, on site), batch bookings by registered agents (帮办代办), a citizen's own bookings and moving one to another slot (改约), check-in with a queue ticket (取号), cancelling, serving (办结), calling tickets at the windows (叫号) with the calling screen's feed, and the person in clear for the counter (every read recorded), and the hall's bookings register (登记台账). Incident's containment reaches bookings by event: a closed zone's window groups take no bookings and that day's bookings move to a later day (or are cancelled with the online route); a suspension of on-site service cancels the hall's bookings until it resumes.
        """,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Service items"] = "The bookable service items (事项) of a hall: window group, minutes per case, online route.",
            ["Booking policy"] = "Versions of a hall's booking rules (slot length, windows and the zone each window group is in, phase share, quota, horizon, check-in window, green channel, reschedules per booking) from their effective time.",
            ["Slots"] = "A day's slots of a hall with capacity, booked, remaining and served, and why one is unavailable (zone closed, on-site service suspended); least-booked suggestions.",
            ["Bookings"] = "Book (idempotent per `Idempotency-Key`), read, list one's own, reschedule (改约), cancel, check in, serve; batches by agents; the person in clear for staff.",
            ["Agents"] = "The register of agents (备案) who book for enterprises.",
            ["Calls"] = "Calling tickets at the windows (叫号): the windows of the policy, call the next ticket (priority first), mark a call missed (过号, back once behind N tickets), the hall's calls, and the anonymous calling-screen feed (SSE).",
            ["Ledgers"] = "The hall's bookings register (登记台账): a day's bookings, masked, filtered and paged, or as one CSV file.",
        });

    /// <summary>The OpenAPI document and every booking endpoint.</summary>
    public static void MapBookingApi(this WebApplication app)
    {
        app.MapCivicHallOpenApi();
        app.MapServiceItemEndpoints();
        app.MapBookingPolicyEndpoints();
        app.MapSlotEndpoints();
        app.MapBookingEndpoints();
        app.MapBatchBookingEndpoints();
        app.MapBookingPersonEndpoints();
        app.MapAgentEndpoints();
        app.MapTracingEndpoints();
        app.MapClearIdentityEndpoints();
        app.MapCallEndpoints();
        app.MapBookingLedgerEndpoints();
    }
}
