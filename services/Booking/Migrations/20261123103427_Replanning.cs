using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Booking.Migrations
{
    /// <inheritdoc />
    public partial class Replanning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "catalog_version",
                table: "planned_days",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "daily_quota",
                table: "planned_days",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Days planned before this column keep the quota they were planned with: their token rows.
            migrationBuilder.Sql("UPDATE planned_days p SET daily_quota = (SELECT count(*) FROM day_quota_tokens t WHERE t.hall_id = p.hall_id AND t.date = p.date);");

            migrationBuilder.AddColumn<string>(
                name: "move_reason",
                table: "bookings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "moved_from_slot_id",
                table: "bookings",
                type: "character varying(96)",
                maxLength: 96,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "catalog_version",
                table: "planned_days");

            migrationBuilder.DropColumn(
                name: "daily_quota",
                table: "planned_days");

            migrationBuilder.DropColumn(
                name: "move_reason",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "moved_from_slot_id",
                table: "bookings");
        }
    }
}
