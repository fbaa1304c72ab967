using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Screening.Migrations
{
    /// <inheritdoc />
    public partial class TracingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_screening_records_hall_id_lane_taken_at",
                table: "screening_records",
                columns: new[] { "hall_id", "lane", "taken_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_screening_records_hall_id_lane_taken_at",
                table: "screening_records");
        }
    }
}
