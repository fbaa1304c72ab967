using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CivicHall.Booking.Migrations
{
    /// <inheritdoc />
    public partial class CallingTicketsAndLedgerIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "missed_after_seconds",
                table: "booking_policies",
                type: "integer",
                nullable: false,
                defaultValue: 180);

            migrationBuilder.AddColumn<int>(
                name: "requeue_after",
                table: "booking_policies",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.CreateTable(
                name: "queue_tickets",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    ticket_number = table.Column<int>(type: "integer", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    window_group = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    rank = table.Column<short>(type: "smallint", nullable: false),
                    sort_key = table.Column<decimal>(type: "numeric", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    misses = table.Column<short>(type: "smallint", nullable: false),
                    checked_in_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_queue_tickets", x => new { x.hall_id, x.date, x.ticket_number });
                });

            migrationBuilder.CreateTable(
                name: "ticket_calls",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    ticket_number = table.Column<int>(type: "integer", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    window_group = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    window_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    window_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    called_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    called_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recall = table.Column<bool>(type: "boolean", nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_calls", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_hall_id_slot_starts_at_id",
                table: "bookings",
                columns: new[] { "hall_id", "slot_starts_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_queue_tickets_booking_id",
                table: "queue_tickets",
                column: "booking_id");

            migrationBuilder.CreateIndex(
                name: "ix_queue_tickets_hall_id_date_window_group_rank_sort_key",
                table: "queue_tickets",
                columns: new[] { "hall_id", "date", "window_group", "rank", "sort_key" },
                filter: "state = 'waiting'");

            migrationBuilder.CreateIndex(
                name: "ix_ticket_calls_booking_id",
                table: "ticket_calls",
                column: "booking_id");

            migrationBuilder.CreateIndex(
                name: "ix_ticket_calls_hall_id_date_ticket_number",
                table: "ticket_calls",
                columns: new[] { "hall_id", "date", "ticket_number" },
                unique: true,
                filter: "outcome IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_ticket_calls_hall_id_date_window_id",
                table: "ticket_calls",
                columns: new[] { "hall_id", "date", "window_id" },
                unique: true,
                filter: "outcome IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_ticket_calls_hall_id_id",
                table: "ticket_calls",
                columns: new[] { "hall_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_ticket_calls_hall_id_window_group_id",
                table: "ticket_calls",
                columns: new[] { "hall_id", "window_group", "id" },
                filter: "outcome = 'served'");

            migrationBuilder.ApplySqlFunction("booking_call_next", "e44a289afffb");
            migrationBuilder.ApplySqlFunction("booking_call_missed", "154f4bef14f2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS booking_call_next, booking_call_missed;");

            migrationBuilder.DropTable(
                name: "queue_tickets");

            migrationBuilder.DropTable(
                name: "ticket_calls");

            migrationBuilder.DropIndex(
                name: "ix_bookings_hall_id_slot_starts_at_id",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "missed_after_seconds",
                table: "booking_policies");

            migrationBuilder.DropColumn(
                name: "requeue_after",
                table: "booking_policies");
        }
    }
}
