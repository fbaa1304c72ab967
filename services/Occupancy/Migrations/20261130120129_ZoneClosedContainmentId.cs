using CivicHall.Occupancy.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Occupancy.Migrations
{
    /// <inheritdoc />
    public partial class ZoneClosedContainmentId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ZoneClosed carries the order's containment id: a new parameter, so the old signature goes first.
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS occupancy_close_zone(text, text, text, text, timestamptz, text);");
            migrationBuilder.ApplySqlFunction("occupancy_close_zone", "0022771d5daa");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS occupancy_close_zone(text, text, text, text, timestamptz, text, uuid);");
        }
    }
}
