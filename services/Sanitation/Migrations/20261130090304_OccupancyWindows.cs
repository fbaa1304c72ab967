using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CivicHall.Sanitation.Migrations
{
    /// <inheritdoc />
    public partial class OccupancyWindows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "bring_forward_after_visitors",
                table: "sanitation_tasks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "brought_forward_at",
                table: "sanitation_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "while_occupied",
                table: "sanitation_tasks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "sanitation_visitor_baselines",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    rule_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    visitors = table.Column<long>(type: "bigint", nullable: false),
                    reset_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sanitation_visitor_baselines", x => new { x.hall_id, x.zone_id, x.rule_id });
                });

            migrationBuilder.CreateTable(
                name: "sanitation_zone_occupancy",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    zone_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    entered = table.Column<long>(type: "bigint", nullable: false),
                    visitors = table.Column<long>(type: "bigint", nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sanitation_zone_occupancy", x => new { x.hall_id, x.zone_id });
                });

            migrationBuilder.CreateTable(
                name: "sanitation_zone_occupations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    occupied_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    occupied_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sanitation_zone_occupations", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sanitation_zone_occupations_hall_id_zone_id",
                table: "sanitation_zone_occupations",
                columns: new[] { "hall_id", "zone_id" },
                unique: true,
                filter: "occupied_until IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_sanitation_zone_occupations_hall_id_zone_id_occupied_from",
                table: "sanitation_zone_occupations",
                columns: new[] { "hall_id", "zone_id", "occupied_from" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sanitation_visitor_baselines");

            migrationBuilder.DropTable(
                name: "sanitation_zone_occupancy");

            migrationBuilder.DropTable(
                name: "sanitation_zone_occupations");

            migrationBuilder.DropColumn(
                name: "bring_forward_after_visitors",
                table: "sanitation_tasks");

            migrationBuilder.DropColumn(
                name: "brought_forward_at",
                table: "sanitation_tasks");

            migrationBuilder.DropColumn(
                name: "while_occupied",
                table: "sanitation_tasks");
        }
    }
}
