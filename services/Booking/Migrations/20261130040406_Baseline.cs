using System;
using CivicHall.Booking.Data;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CivicHall.Booking.Migrations
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The migrations before the first release, squashed. The schema is the one they left, to the
            // column order and the defaults their AddColumn calls left behind (pg_dump of both is the same).
            migrationBuilder.CreateTable(
                name: "agents",
                columns: table => new
                {
                    agent_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    registration_no = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    max_batch_size = table.Column<int>(type: "integer", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    registered_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agents", x => x.agent_id);
                });

            migrationBuilder.CreateTable(
                name: "booking_catalog_versions",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_booking_catalog_versions", x => x.hall_id);
                });

            migrationBuilder.CreateTable(
                name: "booking_policies",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    slot_minutes = table.Column<int>(type: "integer", nullable: false),
                    window_groups = table.Column<string>(type: "jsonb", nullable: false),
                    phase_share = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    daily_quota = table.Column<int>(type: "integer", nullable: false),
                    horizon_days = table.Column<int>(type: "integer", nullable: false),
                    max_active_bookings_per_person = table.Column<int>(type: "integer", nullable: false),
                    check_in_early_minutes = table.Column<int>(type: "integer", nullable: false),
                    check_in_late_minutes = table.Column<int>(type: "integer", nullable: false),
                    walk_in_reserve_share = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    green_channel_daily_limit = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_booking_policies", x => new { x.hall_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "bookings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    item_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    window_group = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    slot_id = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    slot_starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    slot_ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    person_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    id_number_encrypted = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    id_number_masked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name_encrypted = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    name_masked = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    phone_encrypted = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    phone_masked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    special_group = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    agent_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    enterprise = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    green_channel_approved_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    green_channel_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ticket_number = table.Column<int>(type: "integer", nullable: true),
                    checked_in_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    arrived_late = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    move_reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    moved_from_slot_id = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: true),
                    place_reserved = table.Column<bool>(type: "boolean", nullable: true),
                    place_stripe = table.Column<short>(type: "smallint", nullable: true),
                    quota_stripe = table.Column<short>(type: "smallint", nullable: true),
                    served_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    served_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    served_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    served_window_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bookings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "day_quota_counters",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    stripe = table.Column<short>(type: "smallint", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    taken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_day_quota_counters", x => new { x.hall_id, x.date, x.stripe });
                    table.CheckConstraint("ck_day_quota_counters_taken", "taken >= 0 AND taken <= capacity");
                });

            migrationBuilder.CreateTable(
                name: "green_channel_usage",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    used = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_green_channel_usage", x => new { x.hall_id, x.date });
                });

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    scope = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_keys", x => new { x.scope, x.key });
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "known_halls",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    district = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    on_site_state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    opening_hours = table.Column<string>(type: "jsonb", nullable: false),
                    overrides = table.Column<string>(type: "jsonb", nullable: false),
                    zones = table.Column<string>(type: "jsonb", nullable: false),
                    configured_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_known_halls", x => x.hall_id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    message_type = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trace_parent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person_active_bookings",
                columns: table => new
                {
                    person_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    active = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_active_bookings", x => x.person_key);
                });

            migrationBuilder.CreateTable(
                name: "personal_data_reads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    read_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    roles = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_personal_data_reads", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "planned_days",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    hall_version = table.Column<long>(type: "bigint", nullable: false),
                    policy_version = table.Column<int>(type: "integer", nullable: false),
                    items_stamp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    planned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    catalog_version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    daily_quota = table.Column<int>(type: "integer", nullable: false, defaultValue: 0)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_planned_days", x => new { x.hall_id, x.date });
                });

            migrationBuilder.CreateTable(
                name: "service_items",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    item_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    window_group = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    minutes_per_case = table.Column<int>(type: "integer", nullable: false),
                    online_capable = table.Column<bool>(type: "boolean", nullable: false),
                    online_route = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    on_site_allowed = table.Column<bool>(type: "boolean", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_items", x => new { x.hall_id, x.item_id });
                });

            migrationBuilder.CreateTable(
                name: "slot_place_counters",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    slot_id = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false),
                    reserved = table.Column<bool>(type: "boolean", nullable: false),
                    stripe = table.Column<short>(type: "smallint", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    taken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slot_place_counters", x => new { x.hall_id, x.slot_id, x.reserved, x.stripe });
                    table.CheckConstraint("ck_slot_place_counters_taken", "taken >= 0 AND taken <= capacity");
                });

            migrationBuilder.CreateTable(
                name: "slots",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    slot_id = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    window_group = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    reserve = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slots", x => new { x.hall_id, x.slot_id });
                });

            migrationBuilder.CreateTable(
                name: "ticket_counters",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    last = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_counters", x => new { x.hall_id, x.date });
                });

            migrationBuilder.CreateIndex(
                name: "ix_booking_policies_hall_id_effective_from",
                table: "booking_policies",
                columns: new[] { "hall_id", "effective_from" });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_hall_id_date_status",
                table: "bookings",
                columns: new[] { "hall_id", "date", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_hall_id_date_ticket_number",
                table: "bookings",
                columns: new[] { "hall_id", "date", "ticket_number" },
                unique: true,
                filter: "ticket_number IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_bookings_person_key_status",
                table: "bookings",
                columns: new[] { "person_key", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_created_at",
                table: "idempotency_keys",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                table: "inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_pending",
                table: "outbox_messages",
                column: "sequence",
                filter: "published_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_published_at",
                table: "outbox_messages",
                column: "published_at",
                filter: "published_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_personal_data_reads_booking_id",
                table: "personal_data_reads",
                column: "booking_id");

            migrationBuilder.CreateIndex(
                name: "ix_personal_data_reads_person_key",
                table: "personal_data_reads",
                column: "person_key");

            migrationBuilder.CreateIndex(
                name: "ix_slots_hall_id_date",
                table: "slots",
                columns: new[] { "hall_id", "date" });

            // The database functions, each from its file (<Feature>/Sql/<function>.sql; README "Migrations").
            // booking_catalog_bump's file also creates the triggers that call it, so it comes after the tables.
            migrationBuilder.ApplySqlFunction("booking_stripes", "bb995badfb07");
            migrationBuilder.ApplySqlFunction("booking_plan_slot", "4ffe62dbcb7b");
            migrationBuilder.ApplySqlFunction("booking_plan_quota", "093fed236237");
            migrationBuilder.ApplySqlFunction("booking_take_place", "447fb5677299");
            migrationBuilder.ApplySqlFunction("booking_take_quota", "565e23bf3147");
            migrationBuilder.ApplySqlFunction("booking_confirm", "e15072429973");
            migrationBuilder.ApplySqlFunction("booking_catalog_bump", "df173cbb0665");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS known_halls_catalog ON known_halls;
                DROP TRIGGER IF EXISTS booking_policies_catalog ON booking_policies;
                DROP TRIGGER IF EXISTS service_items_catalog ON service_items;
                DROP FUNCTION IF EXISTS booking_catalog_bump, booking_confirm, booking_take_quota, booking_take_place,
                    booking_plan_quota, booking_plan_slot, booking_stripes;
                """);

            migrationBuilder.DropTable(
                name: "agents");

            migrationBuilder.DropTable(
                name: "booking_catalog_versions");

            migrationBuilder.DropTable(
                name: "booking_policies");

            migrationBuilder.DropTable(
                name: "bookings");

            migrationBuilder.DropTable(
                name: "day_quota_counters");

            migrationBuilder.DropTable(
                name: "green_channel_usage");

            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "known_halls");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "person_active_bookings");

            migrationBuilder.DropTable(
                name: "personal_data_reads");

            migrationBuilder.DropTable(
                name: "planned_days");

            migrationBuilder.DropTable(
                name: "service_items");

            migrationBuilder.DropTable(
                name: "slot_place_counters");

            migrationBuilder.DropTable(
                name: "slots");

            migrationBuilder.DropTable(
                name: "ticket_counters");
        }
    }
}
