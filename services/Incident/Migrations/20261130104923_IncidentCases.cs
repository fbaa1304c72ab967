using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Incident.Migrations
{
    /// <inheritdoc />
    public partial class IncidentCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "incident_cases",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    person_key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    person_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    screening_id = table.Column<Guid>(type: "uuid", nullable: true),
                    zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_cases", x => x.incident_id);
                });

            migrationBuilder.CreateTable(
                name: "incident_steps",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    details = table.Column<string>(type: "jsonb", nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_steps", x => new { x.incident_id, x.step });
                    table.ForeignKey(
                        name: "fk_incident_steps_incident_cases_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incident_cases",
                        principalColumn: "incident_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incident_cases_hall_id_opened_at_incident_id",
                table: "incident_cases",
                columns: new[] { "hall_id", "opened_at", "incident_id" });

            migrationBuilder.CreateIndex(
                name: "ix_incident_cases_screening_id",
                table: "incident_cases",
                column: "screening_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_steps");

            migrationBuilder.DropTable(
                name: "incident_cases");
        }
    }
}
