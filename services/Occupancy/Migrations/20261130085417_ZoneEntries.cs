using CivicHall.Occupancy.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Occupancy.Migrations
{
    /// <inheritdoc />
    public partial class ZoneEntries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_occupancy_zones_count",
                table: "occupancy_zones");

            migrationBuilder.AddColumn<long>(
                name: "entered",
                table: "occupancy_zones",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddCheckConstraint(
                name: "ck_occupancy_zones_count",
                table: "occupancy_zones",
                sql: "count >= 0 AND capacity >= 0 AND planned_capacity >= 0 AND entered >= 0");

            // occupancy_enter counts every step into a zone (OccupancyChanged's Zones[].Entered).
            migrationBuilder.ApplySqlFunction("occupancy_enter", "a4a63e2d0a1a");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_occupancy_zones_count",
                table: "occupancy_zones");

            migrationBuilder.DropColumn(
                name: "entered",
                table: "occupancy_zones");

            migrationBuilder.AddCheckConstraint(
                name: "ck_occupancy_zones_count",
                table: "occupancy_zones",
                sql: "count >= 0 AND capacity >= 0 AND planned_capacity >= 0");
        }
    }
}
