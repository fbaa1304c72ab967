using System;
using CivicHall.Booking.Data;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CivicHall.Booking.Migrations
{
    /// <inheritdoc />
    public partial class ContainmentClosures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hall_suspensions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    suspended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    incident_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    containment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    cancelled = table.Column<int>(type: "integer", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resumed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hall_suspensions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "zone_closures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    incident_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    containment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    moved = table.Column<int>(type: "integer", nullable: false),
                    cancelled = table.Column<int>(type: "integer", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reopened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_zone_closures", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_hall_suspensions_hall_id",
                table: "hall_suspensions",
                column: "hall_id",
                unique: true,
                filter: "resumed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_zone_closures_hall_id_zone_id",
                table: "zone_closures",
                columns: new[] { "hall_id", "zone_id" },
                unique: true,
                filter: "reopened_at IS NULL");

            // The closures and the suspension bump the hall's catalog version like the hall, its policy and items.
            migrationBuilder.ApplySqlFunction("booking_catalog_bump", "d7f6a63e32d0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS zone_closures_catalog ON zone_closures; DROP TRIGGER IF EXISTS hall_suspensions_catalog ON hall_suspensions;");
            migrationBuilder.DropTable(
                name: "hall_suspensions");

            migrationBuilder.DropTable(
                name: "zone_closures");
        }
    }
}
