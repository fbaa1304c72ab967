using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Incident.Migrations
{
    /// <inheritdoc />
    public partial class ClearExports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "clear_exports",
                columns: table => new
                {
                    export_id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tracing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    downloaded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    downloaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    download_format = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    people = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clear_exports", x => x.export_id);
                    table.ForeignKey(
                        name: "fk_clear_exports_tracings_tracing_id",
                        column: x => x.tracing_id,
                        principalTable: "tracings",
                        principalColumn: "tracing_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_clear_exports_requested_at_export_id",
                table: "clear_exports",
                columns: new[] { "requested_at", "export_id" });

            migrationBuilder.CreateIndex(
                name: "ix_clear_exports_tracing_id_requested_at_export_id",
                table: "clear_exports",
                columns: new[] { "tracing_id", "requested_at", "export_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "clear_exports");
        }
    }
}
