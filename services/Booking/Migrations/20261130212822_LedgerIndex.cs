using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Booking.Migrations
{
    /// <inheritdoc />
    public partial class LedgerIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_bookings_hall_id_slot_starts_at_id",
                table: "bookings",
                columns: new[] { "hall_id", "slot_starts_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_bookings_hall_id_slot_starts_at_id",
                table: "bookings");
        }
    }
}
