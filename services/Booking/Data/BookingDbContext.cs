using CivicHall.Booking.Agents;
using CivicHall.Booking.Bookings;
using CivicHall.Booking.Catalog;
using CivicHall.Booking.Closures;
using CivicHall.Booking.Items;
using CivicHall.Booking.Policies;
using CivicHall.Booking.Slots;

namespace CivicHall.Booking.Data;

public sealed class BookingDbContext(DbContextOptions<BookingDbContext> options) : DbContext(options)
{
    /// <summary>Halls and zones as occupancy last announced them (HallConfigured).</summary>
    public DbSet<KnownHall> Halls => Set<KnownHall>();

    public DbSet<ServiceItem> ServiceItems => Set<ServiceItem>();

    public DbSet<BookingPolicy> Policies => Set<BookingPolicy>();

    public DbSet<Slot> Slots => Set<Slot>();

    public DbSet<SlotPlaceCounter> SlotPlaceCounters => Set<SlotPlaceCounter>();

    public DbSet<DayQuotaCounter> DayQuotaCounters => Set<DayQuotaCounter>();

    public DbSet<PlannedDay> PlannedDays => Set<PlannedDay>();

    public DbSet<Bookings.Booking> Bookings => Set<Bookings.Booking>();

    public DbSet<IdempotencyKey> IdempotencyKeys => Set<IdempotencyKey>();

    public DbSet<PersonActiveBookings> PersonActiveBookings => Set<PersonActiveBookings>();

    public DbSet<TicketCounter> TicketCounters => Set<TicketCounter>();

    public DbSet<GreenChannelUsage> GreenChannelUsage => Set<GreenChannelUsage>();

    public DbSet<Agent> Agents => Set<Agent>();

    public DbSet<CatalogVersion> CatalogVersions => Set<CatalogVersion>();

    public DbSet<PersonalDataRead> PersonalDataReads => Set<PersonalDataRead>();

    /// <summary>Zones closed by incident's containment (open ones: no <c>reopened_at</c>).</summary>
    public DbSet<ZoneClosure> ZoneClosures => Set<ZoneClosure>();

    /// <summary>On-site service suspended by incident's containment (open ones: no <c>resumed_at</c>).</summary>
    public DbSet<HallSuspension> HallSuspensions => Set<HallSuspension>();

    /// <summary>Checked-in tickets in their window group's queue (叫号).</summary>
    public DbSet<Calls.QueueTicket> QueueTickets => Set<Calls.QueueTicket>();

    /// <summary>Calls of tickets to windows, open until served or missed.</summary>
    public DbSet<Calls.TicketCall> TicketCalls => Set<Calls.TicketCall>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ServiceItem>(item =>
        {
            item.ToTable("service_items");
            item.HasKey(i => new { i.HallId, i.ItemId });
            item.Property(i => i.HallId).HasMaxLength(64);
            item.Property(i => i.ItemId).HasMaxLength(64);
            item.Property(i => i.Name).HasMaxLength(200);
            item.Property(i => i.WindowGroup).HasMaxLength(64);
            item.Property(i => i.OnlineRoute).HasMaxLength(500);
        });

        modelBuilder.Entity<BookingPolicy>(policy =>
        {
            policy.ToTable("booking_policies");
            policy.HasKey(p => new { p.HallId, p.Version });
            policy.Property(p => p.HallId).HasMaxLength(64);
            policy.Property(p => p.WindowGroups).HasJsonbConversion();
            policy.Property(p => p.PhaseShare).HasPrecision(5, 4);
            policy.Property(p => p.WalkInReserveShare).HasPrecision(5, 4);
            policy.Property(p => p.CreatedBy).HasMaxLength(128);
            policy.Property(p => p.MaxReschedules).HasDefaultValue(BookingPolicyDefaults.MaxReschedules).HasSentinel(-1);
            policy.HasIndex(p => new { p.HallId, p.EffectiveFrom });
        });

        modelBuilder.Entity<Slot>(slot =>
        {
            slot.ToTable("slots");
            slot.HasKey(s => new { s.HallId, s.SlotId });
            slot.Property(s => s.HallId).HasMaxLength(64);
            slot.Property(s => s.SlotId).HasMaxLength(96);
            slot.Property(s => s.WindowGroup).HasMaxLength(64);
            slot.Property(s => s.Status).HasMaxLength(16).HasConversion(new TextEnumConverter<SlotStatus>());
            slot.HasIndex(s => new { s.HallId, s.Date });
        });

        // Counters, not a row per place: taking a place is a HOT update of an unindexed column, so a
        // busy day leaves no trail of dead index entries for the next booking to walk past.
        modelBuilder.Entity<SlotPlaceCounter>(counter =>
        {
            counter.ToTable("slot_place_counters", t => t.HasCheckConstraint("ck_slot_place_counters_taken", "taken >= 0 AND taken <= capacity"));
            counter.HasKey(c => new { c.HallId, c.SlotId, c.Reserved, c.Stripe });
            counter.Property(c => c.HallId).HasMaxLength(64);
            counter.Property(c => c.SlotId).HasMaxLength(96);
        });

        modelBuilder.Entity<DayQuotaCounter>(counter =>
        {
            counter.ToTable("day_quota_counters", t => t.HasCheckConstraint("ck_day_quota_counters_taken", "taken >= 0 AND taken <= capacity"));
            counter.HasKey(c => new { c.HallId, c.Date, c.Stripe });
            counter.Property(c => c.HallId).HasMaxLength(64);
        });

        modelBuilder.Entity<PlannedDay>(day =>
        {
            day.ToTable("planned_days");
            day.HasKey(d => new { d.HallId, d.Date });
            day.Property(d => d.HallId).HasMaxLength(64);
            day.Property(d => d.ItemsStamp).HasMaxLength(64);
        });

        modelBuilder.Entity<Bookings.Booking>(booking =>
        {
            booking.ToTable("bookings");
            booking.HasKey(b => b.Id);
            booking.Property(b => b.HallId).HasMaxLength(64);
            booking.Property(b => b.ItemId).HasMaxLength(64);
            booking.Property(b => b.WindowGroup).HasMaxLength(64);
            booking.Property(b => b.SlotId).HasMaxLength(96);
            booking.Property(b => b.Channel).HasMaxLength(16);
            booking.Property(b => b.Kind).HasMaxLength(16);
            booking.Property(b => b.Status).HasMaxLength(16).HasConversion(new TextEnumConverter<BookingStatus>());
            booking.Property(b => b.PersonKey).HasMaxLength(64);
            booking.Property(b => b.IdNumberEncrypted).HasMaxLength(256);
            booking.Property(b => b.IdNumberMasked).HasMaxLength(32);
            booking.Property(b => b.NameEncrypted).HasMaxLength(512);
            booking.Property(b => b.NameMasked).HasMaxLength(64);
            booking.Property(b => b.PhoneEncrypted).HasMaxLength(256);
            booking.Property(b => b.PhoneMasked).HasMaxLength(32);
            booking.Property(b => b.SpecialGroup).HasMaxLength(16);
            booking.Property(b => b.AgentId).HasMaxLength(64);
            booking.Property(b => b.Enterprise).HasMaxLength(200);
            booking.Property(b => b.GreenChannelApprovedBy).HasMaxLength(128);
            booking.Property(b => b.GreenChannelReason).HasMaxLength(500);
            booking.Property(b => b.CreatedBy).HasMaxLength(128);
            booking.Property(b => b.CancelReason).HasMaxLength(200);
            booking.Property(b => b.ServedBy).HasMaxLength(128);
            booking.Property(b => b.ServedWindowId).HasMaxLength(ServeBookingRequest.WindowIdMaxLength);
            booking.Property(b => b.ServedNote).HasMaxLength(ServeBookingRequest.NoteMaxLength);
            booking.Property(b => b.MovedFromSlotId).HasMaxLength(96);
            booking.Property(b => b.MoveReason).HasMaxLength(32);
            booking.Property(b => b.RescheduleReason).HasMaxLength(RescheduleBookingRequest.ReasonMaxLength);
            booking.Property(b => b.Revision).IsConcurrencyToken();
            booking.HasIndex(b => new { b.HallId, b.Date, b.Status });
            booking.HasIndex(b => new { b.PersonKey, b.Status });

            // "My bookings": a keyset scan over one booker's rows, newest slot first.
            booking.HasIndex(b => new { b.CreatedBy, b.SlotStartsAt, b.Id }).IsDescending(false, true, true);
            booking.HasIndex(b => new { b.HallId, b.Date, b.TicketNumber }).IsUnique().HasFilter("ticket_number IS NOT NULL");
            // The ledger's pages in (slot_starts_at, id) order (Ledgers/).
            booking.HasIndex(b => new { b.HallId, b.SlotStartsAt, b.Id });
        });

        modelBuilder.Entity<IdempotencyKey>(key =>
        {
            key.ToTable("idempotency_keys");
            key.HasKey(k => new { k.Scope, k.Key });
            key.Property(k => k.Scope).HasMaxLength(128);
            key.Property(k => k.Key).HasMaxLength(128);
            key.Property(k => k.RequestHash).HasMaxLength(64);
            key.HasIndex(k => k.CreatedAt);
        });

        modelBuilder.Entity<PersonActiveBookings>(person =>
        {
            person.ToTable("person_active_bookings");
            person.HasKey(p => p.PersonKey);
            person.Property(p => p.PersonKey).HasMaxLength(64);
        });

        modelBuilder.Entity<Calls.QueueTicket>(ticket =>
        {
            ticket.ToTable("queue_tickets");
            ticket.HasKey(t => new { t.HallId, t.Date, t.TicketNumber });
            ticket.Property(t => t.HallId).HasMaxLength(64);
            ticket.Property(t => t.WindowGroup).HasMaxLength(64);
            ticket.Property(t => t.SortKey).HasColumnType("numeric");
            ticket.Property(t => t.State).HasMaxLength(16).HasConversion(new TextEnumConverter<Calls.QueueTicketState>());
            ticket.HasIndex(t => new { t.HallId, t.Date, t.WindowGroup, t.Rank, t.SortKey }).HasFilter("state = 'waiting'");
            ticket.HasIndex(t => t.BookingId);
        });

        modelBuilder.Entity<Calls.TicketCall>(call =>
        {
            call.ToTable("ticket_calls");
            call.HasKey(c => c.Id);
            call.Property(c => c.Id).UseIdentityAlwaysColumn();
            call.Property(c => c.HallId).HasMaxLength(64);
            call.Property(c => c.WindowGroup).HasMaxLength(64);
            call.Property(c => c.WindowId).HasMaxLength(64);
            call.Property(c => c.WindowName).HasMaxLength(200);
            call.Property(c => c.CalledBy).HasMaxLength(128);
            call.Property(c => c.FinishedBy).HasMaxLength(128);
            call.Property(c => c.Outcome).HasMaxLength(16).HasConversion(new TextEnumConverter<Calls.CallOutcome>());
            call.HasIndex(c => new { c.HallId, c.Date, c.WindowId }).IsUnique().HasFilter("outcome IS NULL");
            call.HasIndex(c => new { c.HallId, c.Date, c.TicketNumber }).IsUnique().HasFilter("outcome IS NULL");
            call.HasIndex(c => new { c.HallId, c.Id });
            call.HasIndex(c => new { c.HallId, c.WindowGroup, c.Id }).HasFilter("outcome = 'served'");
            call.HasIndex(c => c.BookingId);
        });

        modelBuilder.Entity<TicketCounter>(counter =>
        {
            counter.ToTable("ticket_counters");
            counter.HasKey(c => new { c.HallId, c.Date });
            counter.Property(c => c.HallId).HasMaxLength(64);
        });

        modelBuilder.Entity<GreenChannelUsage>(usage =>
        {
            usage.ToTable("green_channel_usage");
            usage.HasKey(u => new { u.HallId, u.Date });
            usage.Property(u => u.HallId).HasMaxLength(64);
        });

        modelBuilder.Entity<Agent>(agent =>
        {
            agent.ToTable("agents");
            agent.HasKey(a => a.AgentId);
            agent.Property(a => a.AgentId).HasMaxLength(128);
            agent.Property(a => a.Name).HasMaxLength(100);
            agent.Property(a => a.Organisation).HasMaxLength(200);
            agent.Property(a => a.RegistrationNo).HasMaxLength(64);
            agent.Property(a => a.RegisteredBy).HasMaxLength(128);
        });

        modelBuilder.Entity<CatalogVersion>(version =>
        {
            version.ToTable("booking_catalog_versions");
            version.HasKey(v => v.HallId);
            version.Property(v => v.HallId).HasMaxLength(64);
        });

        modelBuilder.Entity<PersonalDataRead>(read =>
        {
            read.ToTable("personal_data_reads");
            read.HasKey(r => r.Id);
            read.Property(r => r.PersonKey).HasMaxLength(64);
            read.Property(r => r.ReadBy).HasMaxLength(128);
            read.Property(r => r.Roles).HasMaxLength(128);
            read.Property(r => r.Reason).HasMaxLength(200);
            read.Property(r => r.ListId).HasMaxLength(64);
            read.Property(r => r.RequestedBy).HasMaxLength(128);
            read.Property(r => r.ApprovedBy).HasMaxLength(128);
            read.HasIndex(r => r.BookingId);
            read.HasIndex(r => r.PersonKey);
        });

        modelBuilder.Entity<ZoneClosure>(closure =>
        {
            closure.ToTable("zone_closures");
            closure.HasKey(c => c.Id);
            closure.Property(c => c.Id).UseIdentityAlwaysColumn();
            closure.Property(c => c.HallId).HasMaxLength(64);
            closure.Property(c => c.ZoneId).HasMaxLength(64);
            closure.Property(c => c.IncidentId).HasMaxLength(64);
            closure.HasIndex(c => new { c.HallId, c.ZoneId }).IsUnique().HasFilter("reopened_at IS NULL");
        });

        modelBuilder.Entity<HallSuspension>(suspension =>
        {
            suspension.ToTable("hall_suspensions");
            suspension.HasKey(s => s.Id);
            suspension.Property(s => s.Id).UseIdentityAlwaysColumn();
            suspension.Property(s => s.HallId).HasMaxLength(64);
            suspension.Property(s => s.IncidentId).HasMaxLength(64);
            suspension.Property(s => s.Reason).HasMaxLength(500);
            suspension.HasIndex(s => s.HallId).IsUnique().HasFilter("resumed_at IS NULL");
        });

        modelBuilder.MapHallDirectory();
        modelBuilder.MapOutboxAndInbox();
        modelBuilder.MapDayCloses();
    }
}
