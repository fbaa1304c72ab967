using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Incident.Migrations
{
    /// <inheritdoc />
    public partial class DailyReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "daily_reports",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    screening = table.Column<string>(type: "jsonb", nullable: true),
                    screening_revision = table.Column<int>(type: "integer", nullable: false),
                    occupancy = table.Column<string>(type: "jsonb", nullable: true),
                    occupancy_revision = table.Column<int>(type: "integer", nullable: false),
                    booking = table.Column<string>(type: "jsonb", nullable: true),
                    booking_revision = table.Column<int>(type: "integer", nullable: false),
                    sanitation = table.Column<string>(type: "jsonb", nullable: true),
                    sanitation_revision = table.Column<int>(type: "integer", nullable: false),
                    incidents = table.Column<string>(type: "jsonb", nullable: true),
                    zero_report = table.Column<bool>(type: "boolean", nullable: false),
                    missing_sources = table.Column<string>(type: "jsonb", nullable: false),
                    changed_sections = table.Column<string>(type: "jsonb", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    corrected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_reports", x => new { x.hall_id, x.local_date });
                });

            migrationBuilder.CreateIndex(
                name: "ix_daily_reports_local_date",
                table: "daily_reports",
                column: "local_date");

            migrationBuilder.CreateIndex(
                name: "ix_daily_reports_pending",
                table: "daily_reports",
                column: "local_date",
                filter: "revision = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "daily_reports");
        }
    }
}
