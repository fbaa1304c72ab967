using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Screening.Migrations
{
    /// <inheritdoc />
    public partial class LedgerIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_screening_records_hall_id_taken_at",
                table: "screening_records");

            migrationBuilder.CreateIndex(
                name: "ix_screening_records_hall_id_taken_at_id",
                table: "screening_records",
                columns: new[] { "hall_id", "taken_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_screening_records_hall_id_taken_at_id",
                table: "screening_records");

            migrationBuilder.CreateIndex(
                name: "ix_screening_records_hall_id_taken_at",
                table: "screening_records",
                columns: new[] { "hall_id", "taken_at" });
        }
    }
}
