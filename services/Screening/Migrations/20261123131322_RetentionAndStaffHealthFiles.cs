using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Screening.Migrations
{
    /// <inheritdoc />
    public partial class RetentionAndStaffHealthFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_screening_records_purge_after",
                table: "screening_records");

            migrationBuilder.AddColumn<string>(
                name: "held_by",
                table: "screening_records",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "staff_health_files",
                columns: table => new
                {
                    staff_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    person_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    id_number_encrypted = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    id_number_masked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name_encrypted = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    name_masked = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    vaccination_doses = table.Column<int>(type: "integer", nullable: false),
                    last_dose_on = table.Column<DateOnly>(type: "date", nullable: true),
                    tests = table.Column<string>(type: "jsonb", nullable: false),
                    symptoms = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_health_files", x => x.staff_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_screening_records_purge_after",
                table: "screening_records",
                column: "purge_after",
                filter: "held_by IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_staff_health_files_person_key",
                table: "staff_health_files",
                column: "person_key");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "staff_health_files");

            migrationBuilder.DropIndex(
                name: "ix_screening_records_purge_after",
                table: "screening_records");

            migrationBuilder.DropColumn(
                name: "held_by",
                table: "screening_records");

            migrationBuilder.CreateIndex(
                name: "ix_screening_records_purge_after",
                table: "screening_records",
                column: "purge_after");
        }
    }
}
