using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Occupancy.Migrations
{
    /// <inheritdoc />
    public partial class TracedHoldsAndReads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_record_holds",
                table: "record_holds");

            migrationBuilder.AddPrimaryKey(
                name: "pk_record_holds",
                table: "record_holds",
                columns: new[] { "incident_id", "person_key" });

            migrationBuilder.CreateTable(
                name: "record_hold_closures",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    held_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_record_hold_closures", x => x.incident_id);
                });

            // Cases already closed keep their close, so that a list of theirs arriving now holds nothing for ever.
            migrationBuilder.Sql("""
                INSERT INTO record_hold_closures (incident_id, hall_id, closed_at, held_until)
                SELECT incident_id, hall_id, released_at, held_until FROM record_holds
                WHERE released_at IS NOT NULL AND held_until IS NOT NULL
                ON CONFLICT (incident_id) DO NOTHING
                """);

            migrationBuilder.CreateIndex(
                name: "ix_zone_presences_hall_id_person_key_entered_at",
                table: "zone_presences",
                columns: new[] { "hall_id", "person_key", "entered_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "record_hold_closures");

            migrationBuilder.DropIndex(
                name: "ix_zone_presences_hall_id_person_key_entered_at",
                table: "zone_presences");

            migrationBuilder.DropPrimaryKey(
                name: "pk_record_holds",
                table: "record_holds");

            migrationBuilder.AddPrimaryKey(
                name: "pk_record_holds",
                table: "record_holds",
                column: "incident_id");
        }
    }
}
