using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Sanitation.Migrations
{
    /// <inheritdoc />
    public partial class PlansMeetingsTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "meetings",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    meeting_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expected_attendees = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meetings", x => new { x.hall_id, x.meeting_id });
                });

            migrationBuilder.CreateTable(
                name: "sanitation_plans",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    rules = table.Column<string>(type: "jsonb", nullable: false),
                    grace_minutes = table.Column<int>(type: "integer", nullable: false),
                    meeting_max_attendees = table.Column<int>(type: "integer", nullable: false),
                    meeting_max_minutes = table.Column<int>(type: "integer", nullable: false),
                    enforce_meeting_limits = table.Column<bool>(type: "boolean", nullable: false),
                    waste_bag_strength = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sanitation_plans", x => new { x.hall_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "sanitation_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    rule_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    meeting_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    occurrence = table.Column<int>(type: "integer", nullable: false),
                    zone_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    rule_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    window_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    agent = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    strength_min = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    strength_max = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    strength_unit = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    target = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    min_minutes = table.Column<int>(type: "integer", nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    skip_reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    plan_version = table.Column<int>(type: "integer", nullable: false),
                    record_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sanitation_tasks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_meetings_hall_id_starts_at",
                table: "meetings",
                columns: new[] { "hall_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sanitation_plans_hall_id_effective_from",
                table: "sanitation_plans",
                columns: new[] { "hall_id", "effective_from" });

            migrationBuilder.CreateIndex(
                name: "ix_sanitation_tasks_hall_id_local_date_window_start_id",
                table: "sanitation_tasks",
                columns: new[] { "hall_id", "local_date", "window_start", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sanitation_tasks_hall_id_local_date_zone_id_rule_id_meeting",
                table: "sanitation_tasks",
                columns: new[] { "hall_id", "local_date", "zone_id", "rule_id", "meeting_id", "occurrence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meetings");

            migrationBuilder.DropTable(
                name: "sanitation_plans");

            migrationBuilder.DropTable(
                name: "sanitation_tasks");
        }
    }
}
