using System;
using System.Collections.Generic;
using CivicHall.Occupancy.Data;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CivicHall.Occupancy.Migrations
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The migrations before the first release, squashed. The schema is the one they left, to the
            // column order and the defaults their AddColumn calls left behind (pg_dump of both is the same).
            migrationBuilder.CreateTable(
                name: "admissions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    person_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    person_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    priority_group = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ticket = table.Column<int>(type: "integer", nullable: true),
                    queue_rank = table.Column<int>(type: "integer", nullable: true),
                    queued_seq = table.Column<long>(type: "bigint", nullable: true),
                    zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    lane = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    arrived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    admitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    exited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    exit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    exit_gate = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    purge_after = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    held_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_admissions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hall_occupancy",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    on_site_state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    policy_version = table.Column<int>(type: "integer", nullable: false),
                    inside = table.Column<int>(type: "integer", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    queue_length = table.Column<int>(type: "integer", nullable: false),
                    staff_present = table.Column<int>(type: "integer", nullable: false),
                    daily_quota = table.Column<int>(type: "integer", nullable: true),
                    reception_date = table.Column<DateOnly>(type: "date", nullable: false),
                    received_today = table.Column<int>(type: "integer", nullable: false),
                    last_ticket = table.Column<int>(type: "integer", nullable: false),
                    alert_levels = table.Column<List<int>>(type: "integer[]", nullable: false),
                    alert_cooldown_seconds = table.Column<int>(type: "integer", nullable: false),
                    retention_days = table.Column<int>(type: "integer", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    announced_sequence = table.Column<long>(type: "bigint", nullable: false),
                    announced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hall_occupancy", x => x.hall_id);
                    table.CheckConstraint("ck_hall_occupancy_counts", "inside >= 0 AND queue_length >= 0 AND staff_present >= 0 AND received_today >= 0");
                });

            migrationBuilder.CreateTable(
                name: "halls",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    district = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    on_site_state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    opening_hours = table.Column<string>(type: "jsonb", nullable: false),
                    overrides = table.Column<string>(type: "jsonb", nullable: false),
                    zones = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_halls", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "occupancy_policies",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    density_per100m2 = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    zone_caps = table.Column<string>(type: "jsonb", nullable: false),
                    daily_quota = table.Column<int>(type: "integer", nullable: true),
                    alert_levels = table.Column<string>(type: "jsonb", nullable: false),
                    alert_cooldown_seconds = table.Column<int>(type: "integer", nullable: false),
                    retention_days = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_occupancy_policies", x => new { x.hall_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "occupancy_zones",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    is_public = table.Column<bool>(type: "boolean", nullable: false),
                    entry_rank = table.Column<int>(type: "integer", nullable: true),
                    planned_capacity = table.Column<int>(type: "integer", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    closed_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    closed_by_incident = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    alerted_level = table.Column<int>(type: "integer", nullable: false),
                    alerted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_occupancy_zones", x => new { x.hall_id, x.zone_id });
                    table.CheckConstraint("ck_occupancy_zones_count", "count >= 0 AND capacity >= 0 AND planned_capacity >= 0");
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    message_type = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trace_parent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "zone_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_zone_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "zone_presences",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    admission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    person_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    left_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    purge_after = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_zone_presences", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_admissions_exit_id",
                table: "admissions",
                column: "exit_id",
                unique: true,
                filter: "exit_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_admissions_hall_id_exited_at",
                table: "admissions",
                columns: new[] { "hall_id", "exited_at" },
                filter: "exited_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_admissions_hall_id_person_key",
                table: "admissions",
                columns: new[] { "hall_id", "person_key" },
                unique: true,
                filter: "state IN ('queued', 'inside')");

            migrationBuilder.CreateIndex(
                name: "ix_admissions_hall_id_queue_rank_queued_seq",
                table: "admissions",
                columns: new[] { "hall_id", "queue_rank", "queued_seq" },
                filter: "state = 'queued'");

            migrationBuilder.CreateIndex(
                name: "ix_admissions_purge_after",
                table: "admissions",
                column: "purge_after",
                filter: "held_by IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                table: "inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_occupancy_policies_hall_id_effective_from",
                table: "occupancy_policies",
                columns: new[] { "hall_id", "effective_from" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_pending",
                table: "outbox_messages",
                column: "sequence",
                filter: "published_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_published_at",
                table: "outbox_messages",
                column: "published_at",
                filter: "published_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_zone_audit_hall_id_zone_id_at",
                table: "zone_audit",
                columns: new[] { "hall_id", "zone_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_zone_presences_admission_id",
                table: "zone_presences",
                column: "admission_id",
                filter: "left_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_zone_presences_hall_id_zone_id_entered_at",
                table: "zone_presences",
                columns: new[] { "hall_id", "zone_id", "entered_at" });

            migrationBuilder.CreateIndex(
                name: "ix_zone_presences_purge_after",
                table: "zone_presences",
                column: "purge_after");

            // The door queue's arrival order (admissions.queued_seq, taken by occupancy_admit).
            migrationBuilder.Sql("CREATE SEQUENCE occupancy_queue_seq;");

            // The floor's movements, each from its file (Floor/Sql/<function>.sql; README "Migrations").
            migrationBuilder.ApplySqlFunction("occupancy_outbox", "a6fa7ccb36d6");
            migrationBuilder.ApplySqlFunction("occupancy_changed", "370600bdf5fd");
            migrationBuilder.ApplySqlFunction("occupancy_entry_zone", "41caeabdcb16");
            migrationBuilder.ApplySqlFunction("occupancy_alert", "c35cecc8c010");
            migrationBuilder.ApplySqlFunction("occupancy_enter", "c753d0ebfdba");
            migrationBuilder.ApplySqlFunction("occupancy_leave", "1620dffa7aca");
            migrationBuilder.ApplySqlFunction("occupancy_advance_queue", "9337b69117ed");
            migrationBuilder.ApplySqlFunction("occupancy_admit", "ff41e46dc541");
            migrationBuilder.ApplySqlFunction("occupancy_exit", "ada54120698b");
            migrationBuilder.ApplySqlFunction("occupancy_move", "f845828aa65e");
            migrationBuilder.ApplySqlFunction("occupancy_close_zone", "eeb53ce327c3");
            migrationBuilder.ApplySqlFunction("occupancy_reopen_zone", "bfb0b6b6ac55");
            migrationBuilder.ApplySqlFunction("occupancy_set_on_site", "282c9fa350f9");
            migrationBuilder.ApplySqlFunction("occupancy_leave_queue", "3be68911254d");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS occupancy_leave_queue, occupancy_set_on_site, occupancy_reopen_zone, occupancy_close_zone, occupancy_move, occupancy_exit, occupancy_admit,
                    occupancy_advance_queue, occupancy_leave, occupancy_enter, occupancy_alert, occupancy_entry_zone, occupancy_changed, occupancy_outbox;
                DROP SEQUENCE IF EXISTS occupancy_queue_seq;
                """);

            migrationBuilder.DropTable(
                name: "admissions");

            migrationBuilder.DropTable(
                name: "hall_occupancy");

            migrationBuilder.DropTable(
                name: "halls");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "occupancy_policies");

            migrationBuilder.DropTable(
                name: "occupancy_zones");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "zone_audit");

            migrationBuilder.DropTable(
                name: "zone_presences");
        }
    }
}
