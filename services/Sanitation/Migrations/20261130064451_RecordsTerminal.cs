using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Sanitation.Migrations
{
    /// <inheritdoc />
    public partial class RecordsTerminal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "confirmed_at",
                table: "sanitation_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "confirmed_by",
                table: "sanitation_tasks",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reason",
                table: "sanitation_tasks",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recorded_by",
                table: "sanitation_tasks",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "requires_confirmation",
                table: "sanitation_tasks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "sanitation_tasks",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source_id",
                table: "sanitation_tasks",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "sanitation_records",
                columns: table => new
                {
                    record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    agent = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    strength = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    strength_unit = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    evidence = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sanitation_records", x => x.record_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sanitation_records_hall_id_local_date_started_at_record_id",
                table: "sanitation_records",
                columns: new[] { "hall_id", "local_date", "started_at", "record_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sanitation_records_task_id",
                table: "sanitation_records",
                column: "task_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sanitation_records");

            migrationBuilder.DropColumn(
                name: "confirmed_at",
                table: "sanitation_tasks");

            migrationBuilder.DropColumn(
                name: "confirmed_by",
                table: "sanitation_tasks");

            migrationBuilder.DropColumn(
                name: "reason",
                table: "sanitation_tasks");

            migrationBuilder.DropColumn(
                name: "recorded_by",
                table: "sanitation_tasks");

            migrationBuilder.DropColumn(
                name: "requires_confirmation",
                table: "sanitation_tasks");

            migrationBuilder.DropColumn(
                name: "source",
                table: "sanitation_tasks");

            migrationBuilder.DropColumn(
                name: "source_id",
                table: "sanitation_tasks");
        }
    }
}
