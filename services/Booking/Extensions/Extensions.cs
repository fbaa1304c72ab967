using CivicHall.Booking.Bookings;
using CivicHall.Booking.Catalog;
using CivicHall.Booking.Containment;
using CivicHall.Booking.Replanning;
using CivicHall.Booking.Slots;
using CivicHall.Messaging.Inbox;
using CivicHall.ServiceDefaults.Hosting;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Booking;

public static class Extensions
{
    /// <summary>Booking's database, messaging (with the hall directory), OpenAPI contract and its own services.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<BookingDbContext>("booking");
        builder.AddMessaging<BookingDbContext>("booking", bus =>
        {
            bus.AddHallDirectory<BookingDbContext>("booking");
            bus.AddInboxConsumer<ZoneClosureOrderedConsumer>().Endpoint(e => e.Name = "booking-zone-closure-ordered");
            bus.AddInboxConsumer<ZoneReopenedConsumer>().Endpoint(e => e.Name = "booking-zone-reopened");
            bus.AddInboxConsumer<OnSiteServiceSuspendedConsumer>().Endpoint(e => e.Name = "booking-on-site-service-suspended");
            bus.AddInboxConsumer<OnSiteServiceResumedConsumer>().Endpoint(e => e.Name = "booking-on-site-service-resumed");
        });
        builder.Services.AddOpenApi(options => options.UseCivicHallContract(BookingApi.Contract));
        builder.AddPersonalData();
        builder.Services.AddOptions<BookingCatalogOptions>().BindConfiguration("Booking:Catalog");
        builder.Services.AddSingleton<BookingCatalog>();
        builder.Services.AddSingleton<BookingTargets>();
        builder.Services.AddScoped<SlotStore>();
        builder.Services.AddScoped<ISlotBookings, SlotBookings>();
        builder.Services.AddScoped<BookingStore>();
        builder.Services.AddScoped<RescheduleStore>();
        builder.Services.AddScoped<ITicketLine, Calls.TicketLine>();
        builder.Services.AddScoped<Calls.CallStore>();
        builder.Services.AddSingleton<Calls.CallBoard>();
        builder.Services.AddOptions<ReplanningOptions>().BindConfiguration("Booking:Replanning");
        builder.Services.AddSingleton<ReplanSignal>();
        builder.Services.AddHostedSingleton<ReplanService>();
        builder.Services.AddHostedSingleton<NoShowSweeper>();
        builder.Services.AddOptions<Reports.DayCloseSweepOptions>().BindConfiguration("Booking:DayClose");
        builder.Services.AddHostedSingleton<Reports.DayCloseSweep>();
        builder.Services.AddSingleton<ContainmentBookings>();
        BookingProblems.Register();
    }
}
