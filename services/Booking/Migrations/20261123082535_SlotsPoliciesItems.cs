using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Booking.Migrations
{
    /// <inheritdoc />
    public partial class SlotsPoliciesItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "day_quota_tokens",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    token_no = table.Column<int>(type: "integer", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_day_quota_tokens", x => new { x.hall_id, x.date, x.token_no });
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
                    planned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "slot_seats",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    slot_id = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false),
                    seat_no = table.Column<int>(type: "integer", nullable: false),
                    reserved = table.Column<bool>(type: "boolean", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slot_seats", x => new { x.hall_id, x.slot_id, x.seat_no });
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

            migrationBuilder.CreateIndex(
                name: "ix_booking_policies_hall_id_effective_from",
                table: "booking_policies",
                columns: new[] { "hall_id", "effective_from" });

            migrationBuilder.CreateIndex(
                name: "ix_day_quota_tokens_booking_id",
                table: "day_quota_tokens",
                column: "booking_id",
                filter: "booking_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_day_quota_tokens_free",
                table: "day_quota_tokens",
                columns: new[] { "hall_id", "date", "token_no" },
                filter: "booking_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_slot_seats_booking_id",
                table: "slot_seats",
                column: "booking_id",
                filter: "booking_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_slot_seats_free",
                table: "slot_seats",
                columns: new[] { "hall_id", "slot_id", "reserved", "seat_no" },
                filter: "booking_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_slots_hall_id_date",
                table: "slots",
                columns: new[] { "hall_id", "date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "booking_policies");

            migrationBuilder.DropTable(
                name: "day_quota_tokens");

            migrationBuilder.DropTable(
                name: "planned_days");

            migrationBuilder.DropTable(
                name: "service_items");

            migrationBuilder.DropTable(
                name: "slot_seats");

            migrationBuilder.DropTable(
                name: "slots");
        }
    }
}
