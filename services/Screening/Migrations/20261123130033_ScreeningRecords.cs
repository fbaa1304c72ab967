using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Screening.Migrations
{
    /// <inheritdoc />
    public partial class ScreeningRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                    purge_after = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_screening_records", x => x.id);
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
                column: "purge_after");

            migrationBuilder.CreateIndex(
                name: "ix_visitor_bookings_hall_id_person_key_slot_starts_at",
                table: "visitor_bookings",
                columns: new[] { "hall_id", "person_key", "slot_starts_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "screening_policies");

            migrationBuilder.DropTable(
                name: "screening_records");

            migrationBuilder.DropTable(
                name: "visitor_bookings");
        }
    }
}
