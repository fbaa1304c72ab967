using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Sanitation.Migrations
{
    /// <inheritdoc />
    public partial class SuppliesLowMovementsDailyMasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "low_alert_armed",
                table: "supply_items",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "low_alerted_at",
                table: "supply_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "daily_mask_per_staff",
                table: "sanitation_plans",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "mask_item_id",
                table: "sanitation_plans",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "masks");

            migrationBuilder.AddColumn<int>(
                name: "supplies_low_cooldown_minutes",
                table: "sanitation_plans",
                type: "integer",
                nullable: false,
                defaultValue: 360);

            migrationBuilder.CreateTable(
                name: "sanitation_staff_on_duty",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    staff_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    screening_id = table.Column<Guid>(type: "uuid", nullable: false),
                    admitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sanitation_staff_on_duty", x => new { x.hall_id, x.local_date, x.staff_id });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sanitation_staff_on_duty");

            migrationBuilder.DropColumn(
                name: "low_alert_armed",
                table: "supply_items");

            migrationBuilder.DropColumn(
                name: "low_alerted_at",
                table: "supply_items");

            migrationBuilder.DropColumn(
                name: "daily_mask_per_staff",
                table: "sanitation_plans");

            migrationBuilder.DropColumn(
                name: "mask_item_id",
                table: "sanitation_plans");

            migrationBuilder.DropColumn(
                name: "supplies_low_cooldown_minutes",
                table: "sanitation_plans");
        }
    }
}
