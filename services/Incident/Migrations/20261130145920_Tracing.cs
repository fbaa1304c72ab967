using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Incident.Migrations
{
    /// <inheritdoc />
    public partial class Tracing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "entrance_window_minutes",
                table: "incident_policies",
                type: "integer",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<int>(
                name: "tracing_buffer_minutes",
                table: "incident_policies",
                type: "integer",
                nullable: false,
                defaultValue: 15);

            migrationBuilder.AddColumn<int>(
                name: "tracing_days_before",
                table: "incident_policies",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.CreateTable(
                name: "tracings",
                columns: table => new
                {
                    tracing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    person_key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    window_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    window_to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    buffer_minutes = table.Column<int>(type: "integer", nullable: false),
                    entrance_window_minutes = table.Column<int>(type: "integer", nullable: false),
                    policy_version = table.Column<int>(type: "integer", nullable: false),
                    partial = table.Column<bool>(type: "boolean", nullable: false),
                    missing_sources = table.Column<List<string>>(type: "text[]", nullable: false),
                    truncated_sources = table.Column<List<string>>(type: "text[]", nullable: false),
                    contacts = table.Column<string>(type: "jsonb", nullable: false),
                    person_keys = table.Column<List<string>>(type: "text[]", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tracings", x => x.tracing_id);
                    table.ForeignKey(
                        name: "fk_tracings_incident_cases_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incident_cases",
                        principalColumn: "incident_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tracings_incident_id_created_at_tracing_id",
                table: "tracings",
                columns: new[] { "incident_id", "created_at", "tracing_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tracings");

            migrationBuilder.DropColumn(
                name: "entrance_window_minutes",
                table: "incident_policies");

            migrationBuilder.DropColumn(
                name: "tracing_buffer_minutes",
                table: "incident_policies");

            migrationBuilder.DropColumn(
                name: "tracing_days_before",
                table: "incident_policies");
        }
    }
}
