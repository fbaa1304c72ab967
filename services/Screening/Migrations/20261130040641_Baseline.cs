using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CivicHall.Screening.Migrations
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
                name: "screening_policies",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    kinds = table.Column<string>(type: "jsonb", nullable: false),
                    retest_at_c = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: false),
                    isolate_above_c = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: false),
                    mask_rule = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    booking_required = table.Column<bool>(type: "boolean", nullable: false),
                    booking_early_minutes = table.Column<int>(type: "integer", nullable: false),
                    booking_late_minutes = table.Column<int>(type: "integer", nullable: false),
                    special_groups_walk_in = table.Column<bool>(type: "boolean", nullable: false),
                    exempt_under_age = table.Column<int>(type: "integer", nullable: false),
                    exempt_from_age = table.Column<int>(type: "integer", nullable: false),
                    exempt_registered_disabled = table.Column<bool>(type: "boolean", nullable: false),
                    spot_antigen_minutes = table.Column<int>(type: "integer", nullable: false),
                    retention_days = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_screening_policies", x => new { x.hall_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "screening_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    person_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    person_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    id_number_encrypted = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    id_number_masked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name_encrypted = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    name_masked = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    address_encrypted = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    phone_encrypted = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    taken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lane = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    device_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    health_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    offline_code = table.Column<bool>(type: "boolean", nullable: false),
                    registered_disabled = table.Column<bool>(type: "boolean", nullable: false),
                    test_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    test_result = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    antigen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    antigen_result = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    temperature_c = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: false),
                    mask = table.Column<bool>(type: "boolean", nullable: false),
                    symptoms = table.Column<string>(type: "jsonb", nullable: false),
                    retest_of = table.Column<Guid>(type: "uuid", nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    findings = table.Column<string>(type: "jsonb", nullable: false),
                    measures = table.Column<string>(type: "jsonb", nullable: false),
                    policy_version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    purge_after = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    held_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_screening_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "staff_health_files",
                columns: table => new
                {
                    staff_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    person_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    id_number_encrypted = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    id_number_masked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name_encrypted = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    name_masked = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    vaccination_doses = table.Column<int>(type: "integer", nullable: false),
                    last_dose_on = table.Column<DateOnly>(type: "date", nullable: true),
                    tests = table.Column<string>(type: "jsonb", nullable: false),
                    symptoms = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    vaccination_exempted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    vaccination_exempted_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    vaccination_exemption_reason_encrypted = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_health_files", x => x.staff_id);
                });

            migrationBuilder.CreateTable(
                name: "visitor_bookings",
                columns: table => new
                {
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    person_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    slot_starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    slot_ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    green_channel = table.Column<bool>(type: "boolean", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visitor_bookings", x => x.booking_id);
                });

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
                name: "ix_screening_policies_hall_id_effective_from",
                table: "screening_policies",
                columns: new[] { "hall_id", "effective_from" });

            migrationBuilder.CreateIndex(
                name: "ix_screening_records_hall_id_person_key_taken_at",
                table: "screening_records",
                columns: new[] { "hall_id", "person_key", "taken_at" });

            migrationBuilder.CreateIndex(
                name: "ix_screening_records_purge_after",
                table: "screening_records",
                column: "purge_after",
                filter: "held_by IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_staff_health_files_person_key",
                table: "staff_health_files",
                column: "person_key");

            migrationBuilder.CreateIndex(
                name: "ix_visitor_bookings_hall_id_person_key_slot_starts_at",
                table: "visitor_bookings",
                columns: new[] { "hall_id", "person_key", "slot_starts_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "known_halls");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "screening_policies");

            migrationBuilder.DropTable(
                name: "screening_records");

            migrationBuilder.DropTable(
                name: "staff_health_files");

            migrationBuilder.DropTable(
                name: "visitor_bookings");
        }
    }
}
