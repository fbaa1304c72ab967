using CivicHall.Booking.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Booking.Migrations
{
    /// <inheritdoc />
    public partial class Reschedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "reschedule_count",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "reschedule_reason",
                table: "bookings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "max_reschedules",
                table: "booking_policies",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.CreateIndex(
                name: "ix_bookings_created_by_slot_starts_at_id",
                table: "bookings",
                columns: new[] { "created_by", "slot_starts_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.ApplySqlFunction("booking_reschedule", "d951eaf5d3c3");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS booking_reschedule;");

            migrationBuilder.DropIndex(
                name: "ix_bookings_created_by_slot_starts_at_id",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "reschedule_count",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "reschedule_reason",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "max_reschedules",
                table: "booking_policies");
        }
    }
}
