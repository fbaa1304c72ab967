using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Sanitation.Migrations
{
    /// <inheritdoc />
    public partial class WasteBags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "waste_bags",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    bag_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: true),
                    notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    bagged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    bagged_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sealed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sealed_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    seal_notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    seal_fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    disinfected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    disinfected_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    agent = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    strength = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    strength_unit = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    disinfection_notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    disinfection_fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    handed_over_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    handed_over_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    collector_company = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    collector_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    handover_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    handover_notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    handover_fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_waste_bags", x => new { x.hall_id, x.bag_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_waste_bags_hall_id_bagged_at_bag_id",
                table: "waste_bags",
                columns: new[] { "hall_id", "bagged_at", "bag_id" });

            migrationBuilder.CreateIndex(
                name: "ix_waste_bags_incident_id",
                table: "waste_bags",
                column: "incident_id",
                filter: "incident_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_waste_bags_open",
                table: "waste_bags",
                column: "hall_id",
                filter: "state <> 'handed_over'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "waste_bags");
        }
    }
}
