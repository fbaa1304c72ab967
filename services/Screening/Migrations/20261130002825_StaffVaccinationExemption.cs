using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Screening.Migrations
{
    /// <inheritdoc />
    public partial class StaffVaccinationExemption : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "vaccination_exempted_at",
                table: "staff_health_files",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "vaccination_exempted_by",
                table: "staff_health_files",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "vaccination_exemption_reason_encrypted",
                table: "staff_health_files",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "vaccination_exempted_at",
                table: "staff_health_files");

            migrationBuilder.DropColumn(
                name: "vaccination_exempted_by",
                table: "staff_health_files");

            migrationBuilder.DropColumn(
                name: "vaccination_exemption_reason_encrypted",
                table: "staff_health_files");
        }
    }
}
