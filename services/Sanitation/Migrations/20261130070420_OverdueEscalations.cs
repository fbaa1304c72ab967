using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Sanitation.Migrations
{
    /// <inheritdoc />
    public partial class OverdueEscalations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "escalated_at",
                table: "sanitation_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "escalation_suppressed",
                table: "sanitation_tasks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "overdue_at",
                table: "sanitation_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "escalate_after_minutes",
                table: "sanitation_plans",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "escalation_cooldown_minutes",
                table: "sanitation_plans",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.CreateTable(
                name: "sanitation_escalations",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    last_escalated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    suppressed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sanitation_escalations", x => x.hall_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sanitation_tasks_state_window_end",
                table: "sanitation_tasks",
                columns: new[] { "state", "window_end" },
                filter: "state IN ('due', 'missed')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sanitation_escalations");

            migrationBuilder.DropIndex(
                name: "ix_sanitation_tasks_state_window_end",
                table: "sanitation_tasks");

            migrationBuilder.DropColumn(
                name: "escalated_at",
                table: "sanitation_tasks");

            migrationBuilder.DropColumn(
                name: "escalation_suppressed",
                table: "sanitation_tasks");

            migrationBuilder.DropColumn(
                name: "overdue_at",
                table: "sanitation_tasks");

            migrationBuilder.DropColumn(
                name: "escalate_after_minutes",
                table: "sanitation_plans");

            migrationBuilder.DropColumn(
                name: "escalation_cooldown_minutes",
                table: "sanitation_plans");
        }
    }
}
