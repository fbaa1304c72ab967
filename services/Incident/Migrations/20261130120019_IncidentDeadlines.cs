using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Incident.Migrations
{
    /// <inheritdoc />
    public partial class IncidentDeadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "id_number_encrypted",
                table: "incident_cases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "isolation_zone_id",
                table: "incident_cases",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "incident_actions",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    details = table.Column<string>(type: "jsonb", nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_actions", x => new { x.incident_id, x.action });
                    table.ForeignKey(
                        name: "fk_incident_actions_incident_cases_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incident_cases",
                        principalColumn: "incident_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_escalations",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    deadline = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    policy_version = table.Column<int>(type: "integer", nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_escalations", x => new { x.incident_id, x.deadline, x.level });
                    table.ForeignKey(
                        name: "fk_incident_escalations_incident_cases_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incident_cases",
                        principalColumn: "incident_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_police_calls",
                columns: table => new
                {
                    call_id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    called_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    called_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    answer = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_police_calls", x => x.call_id);
                    table.ForeignKey(
                        name: "fk_incident_police_calls_incident_cases_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incident_cases",
                        principalColumn: "incident_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_policies",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    isolated_within_minutes = table.Column<int>(type: "integer", nullable: false),
                    reported_within_minutes = table.Column<int>(type: "integer", nullable: false),
                    hospital_notified_within_minutes = table.Column<int>(type: "integer", nullable: false),
                    escalation_interval_minutes = table.Column<int>(type: "integer", nullable: false),
                    records_hold_days = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_policies", x => new { x.hall_id, x.version });
                });

            migrationBuilder.CreateIndex(
                name: "ix_incident_cases_hall_id_isolation_zone_id",
                table: "incident_cases",
                columns: new[] { "hall_id", "isolation_zone_id" });

            migrationBuilder.CreateIndex(
                name: "ix_incident_police_calls_incident_id",
                table: "incident_police_calls",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_incident_policies_hall_id_effective_from",
                table: "incident_policies",
                columns: new[] { "hall_id", "effective_from" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_actions");

            migrationBuilder.DropTable(
                name: "incident_escalations");

            migrationBuilder.DropTable(
                name: "incident_police_calls");

            migrationBuilder.DropTable(
                name: "incident_policies");

            migrationBuilder.DropIndex(
                name: "ix_incident_cases_hall_id_isolation_zone_id",
                table: "incident_cases");

            migrationBuilder.DropColumn(
                name: "id_number_encrypted",
                table: "incident_cases");

            migrationBuilder.DropColumn(
                name: "isolation_zone_id",
                table: "incident_cases");
        }
    }
}
