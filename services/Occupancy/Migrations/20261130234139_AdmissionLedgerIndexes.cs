using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Occupancy.Migrations
{
    /// <inheritdoc />
    public partial class AdmissionLedgerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_admissions_hall_id_arrived_at",
                table: "admissions");

            migrationBuilder.CreateIndex(
                name: "ix_zone_presences_admission_id_entered_at",
                table: "zone_presences",
                columns: new[] { "admission_id", "entered_at" });

            migrationBuilder.CreateIndex(
                name: "ix_admissions_hall_id_arrived_at_id",
                table: "admissions",
                columns: new[] { "hall_id", "arrived_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_zone_presences_admission_id_entered_at",
                table: "zone_presences");

            migrationBuilder.DropIndex(
                name: "ix_admissions_hall_id_arrived_at_id",
                table: "admissions");

            migrationBuilder.CreateIndex(
                name: "ix_admissions_hall_id_arrived_at",
                table: "admissions",
                columns: new[] { "hall_id", "arrived_at" });
        }
    }
}
