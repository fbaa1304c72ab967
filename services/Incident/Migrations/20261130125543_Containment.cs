using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Incident.Migrations
{
    /// <inheritdoc />
    public partial class Containment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "containment_actions",
                columns: table => new
                {
                    containment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: true),
                    suspension_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    effective_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approved_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    government_consent_ref = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    approval_notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    withdrawn_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    override_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    overridden_zones = table.Column<List<string>>(type: "text[]", nullable: false),
                    sanitized_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reopened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reopened_by = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    resumed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resumed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_containment_actions", x => x.containment_id);
                });

            migrationBuilder.CreateTable(
                name: "containment_acknowledgements",
                columns: table => new
                {
                    containment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    participant = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    expected_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    overdue_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    people_inside = table.Column<int>(type: "integer", nullable: true),
                    queue_sent_away = table.Column<int>(type: "integer", nullable: true),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    moved = table.Column<int>(type: "integer", nullable: true),
                    cancelled = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_containment_acknowledgements", x => new { x.containment_id, x.participant });
                    table.ForeignKey(
                        name: "fk_containment_acknowledgements_containment_actions_containmen",
                        column: x => x.containment_id,
                        principalTable: "containment_actions",
                        principalColumn: "containment_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_containment_acknowledgements_expected_since",
                table: "containment_acknowledgements",
                column: "expected_since",
                filter: "acknowledged_at IS NULL AND overdue_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_containment_actions_hall_id_requested_at_containment_id",
                table: "containment_actions",
                columns: new[] { "hall_id", "requested_at", "containment_id" });

            migrationBuilder.CreateIndex(
                name: "ux_containment_actions_open_closure",
                table: "containment_actions",
                columns: new[] { "hall_id", "zone_id" },
                unique: true,
                filter: "kind = 'zone_closure' AND state = 'ordered'");

            migrationBuilder.CreateIndex(
                name: "ux_containment_actions_open_suspension",
                table: "containment_actions",
                column: "hall_id",
                unique: true,
                filter: "kind = 'suspension' AND state IN ('requested', 'approved')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "containment_acknowledgements");

            migrationBuilder.DropTable(
                name: "containment_actions");
        }
    }
}
