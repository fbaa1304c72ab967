using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Occupancy.Migrations
{
    /// <inheritdoc />
    public partial class TracingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_zone_presences_hall_id_person_key_entered_at",
                table: "zone_presences",
                columns: new[] { "hall_id", "person_key", "entered_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_zone_presences_hall_id_person_key_entered_at",
                table: "zone_presences");
        }
    }
}
