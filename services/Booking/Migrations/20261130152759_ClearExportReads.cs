using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Booking.Migrations
{
    /// <inheritdoc />
    public partial class ClearExportReads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "approved_by",
                table: "personal_data_reads",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "list_id",
                table: "personal_data_reads",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "requested_by",
                table: "personal_data_reads",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "approved_by",
                table: "personal_data_reads");

            migrationBuilder.DropColumn(
                name: "list_id",
                table: "personal_data_reads");

            migrationBuilder.DropColumn(
                name: "requested_by",
                table: "personal_data_reads");
        }
    }
}
