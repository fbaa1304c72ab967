using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CivicHall.Occupancy.Migrations
{
    /// <inheritdoc />
    public partial class FloorAndPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "ix_occupancy_policies_hall_id_effective_from",
                table: "occupancy_policies",
                columns: new[] { "hall_id", "effective_from" });

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

            migrationBuilder.Sql("CREATE SEQUENCE occupancy_queue_seq;");
            migrationBuilder.Sql(FloorFunctions);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS occupancy_set_on_site(text, text, timestamptz, text);
                DROP FUNCTION IF EXISTS occupancy_reopen_zone(text, text, text, text, timestamptz, text);
                DROP FUNCTION IF EXISTS occupancy_close_zone(text, text, text, text, timestamptz, text);
                DROP FUNCTION IF EXISTS occupancy_move(text, text, text, timestamptz, text);
                DROP FUNCTION IF EXISTS occupancy_exit(text, text, uuid, text, timestamptz, text);
                DROP FUNCTION IF EXISTS occupancy_admit(uuid, text, text, text, text, text, timestamptz, text);
                DROP FUNCTION IF EXISTS occupancy_advance_queue(text, timestamptz, text);
                DROP FUNCTION IF EXISTS occupancy_leave(text, text, uuid, timestamptz);
                DROP FUNCTION IF EXISTS occupancy_enter(text, text, uuid, text, timestamptz, text);
                DROP FUNCTION IF EXISTS occupancy_alert(text, text, timestamptz, text);
                DROP FUNCTION IF EXISTS occupancy_entry_zone(text);
                DROP FUNCTION IF EXISTS occupancy_changed(text, text, text[], timestamptz);
                DROP FUNCTION IF EXISTS occupancy_outbox(text, jsonb, timestamptz, text);
                DROP SEQUENCE IF EXISTS occupancy_queue_seq;
                """);

            migrationBuilder.DropTable(
                name: "admissions");

            migrationBuilder.DropTable(
                name: "hall_occupancy");

            migrationBuilder.DropTable(
                name: "occupancy_policies");

            migrationBuilder.DropTable(
                name: "occupancy_zones");

            migrationBuilder.DropTable(
                name: "zone_audit");

            migrationBuilder.DropTable(
                name: "zone_presences");
        }
    
        /// <summary>The floor's movements (admit, exit, move, close, reopen, suspend), as of this migration.</summary>
        private const string FloorFunctions = """
            -- The floor's movements, one function each; every one locks the hall's hall_occupancy row first,
            -- so the movements of a hall apply one after the other and the counts can never pass a capacity.

            CREATE OR REPLACE FUNCTION occupancy_outbox(p_type text, p_payload jsonb, p_now timestamptz, p_trace text)
            RETURNS void LANGUAGE sql AS $fn$
                INSERT INTO outbox_messages (id, message_type, payload, occurred_at, created_at, trace_parent, attempts, next_attempt_at)
                VALUES (gen_random_uuid(), 'CivicHall.Contracts.Occupancy.V1.' || p_type, p_payload, p_now, p_now, p_trace, 0, p_now);
            $fn$;

            -- Numbers the change and tells every replica's live feed (delivered at commit, in commit order).
            CREATE OR REPLACE FUNCTION occupancy_changed(p_hall text, p_change text, p_zones text[], p_now timestamptz)
            RETURNS bigint LANGUAGE plpgsql AS $fn$
            DECLARE
                h hall_occupancy;
            BEGIN
                UPDATE hall_occupancy SET sequence = sequence + 1, updated_at = p_now WHERE hall_id = p_hall RETURNING * INTO h;
                PERFORM pg_notify('civichall_occupancy', json_build_object(
                    'hallId', p_hall, 'sequence', h.sequence, 'change', p_change, 'at', p_now,
                    'inside', h.inside, 'capacity', h.capacity, 'queueLength', h.queue_length,
                    'staffPresent', h.staff_present, 'receivedToday', h.received_today, 'dailyQuota', h.daily_quota,
                    'onSiteState', h.on_site_state,
                    'zones', COALESCE((
                        SELECT json_agg(json_build_object('zoneId', z.zone_id, 'kind', z.kind, 'count', z.count, 'capacity', z.capacity, 'state', z.state) ORDER BY z.zone_id)
                        FROM occupancy_zones z WHERE z.hall_id = p_hall AND z.zone_id = ANY (p_zones)), '[]'::json))::text);
                RETURN h.sequence;
            END
            $fn$;

            -- The first open entry zone with room, in entry order; null when all are full.
            CREATE OR REPLACE FUNCTION occupancy_entry_zone(p_hall text)
            RETURNS text LANGUAGE sql STABLE AS $fn$
                SELECT zone_id FROM occupancy_zones
                WHERE hall_id = p_hall AND entry_rank IS NOT NULL AND state = 'open' AND count < capacity
                ORDER BY entry_rank LIMIT 1;
            $fn$;

            -- A zone's count rose by one: raise ZoneAtCapacity when it reached a higher alert level than before,
            -- unless the same level (or a higher one) was raised within the cool-down.
            CREATE OR REPLACE FUNCTION occupancy_alert(p_hall text, p_zone text, p_now timestamptz, p_trace text)
            RETURNS void LANGUAGE plpgsql AS $fn$
            DECLARE
                h hall_occupancy;
                z occupancy_zones;
                v_level int;
                v_before int;
            BEGIN
                SELECT * INTO h FROM hall_occupancy WHERE hall_id = p_hall;
                SELECT * INTO z FROM occupancy_zones WHERE hall_id = p_hall AND zone_id = p_zone;
                IF z.capacity <= 0 THEN
                    RETURN;
                END IF;
                SELECT max(l) INTO v_level FROM unnest(h.alert_levels) l WHERE z.count::bigint * 100 >= l::bigint * z.capacity;
                SELECT max(l) INTO v_before FROM unnest(h.alert_levels) l WHERE (z.count - 1)::bigint * 100 >= l::bigint * z.capacity;
                IF v_level IS NULL OR v_level <= COALESCE(v_before, 0) THEN
                    RETURN;
                END IF;
                IF v_level > z.alerted_level OR z.alerted_at IS NULL OR p_now >= z.alerted_at + make_interval(secs => h.alert_cooldown_seconds) THEN
                    UPDATE occupancy_zones SET alerted_level = v_level, alerted_at = p_now WHERE hall_id = p_hall AND zone_id = p_zone;
                    PERFORM occupancy_outbox('ZoneAtCapacity', jsonb_build_object(
                        'hallId', p_hall, 'zoneId', p_zone, 'levelPercent', v_level, 'count', z.count, 'capacity', z.capacity, 'occurredAt', p_now), p_now, p_trace);
                END IF;
            END
            $fn$;

            -- A person steps into a zone: count, hall total, a presence record, and the alert check.
            CREATE OR REPLACE FUNCTION occupancy_enter(p_hall text, p_zone text, p_admission uuid, p_person_key text, p_now timestamptz, p_trace text)
            RETURNS void LANGUAGE plpgsql AS $fn$
            DECLARE
                z occupancy_zones;
                v_retention int;
            BEGIN
                UPDATE occupancy_zones SET count = count + 1 WHERE hall_id = p_hall AND zone_id = p_zone RETURNING * INTO z;
                IF z.is_public THEN
                    UPDATE hall_occupancy SET inside = inside + 1 WHERE hall_id = p_hall;
                END IF;
                SELECT retention_days INTO v_retention FROM hall_occupancy WHERE hall_id = p_hall;
                INSERT INTO zone_presences (admission_id, hall_id, zone_id, person_key, entered_at, purge_after)
                VALUES (p_admission, p_hall, p_zone, p_person_key, p_now, p_now + make_interval(days => v_retention));
                PERFORM occupancy_alert(p_hall, p_zone, p_now, p_trace);
            END
            $fn$;

            -- A person steps out of a zone: count, hall total, and the end of the presence record.
            CREATE OR REPLACE FUNCTION occupancy_leave(p_hall text, p_zone text, p_admission uuid, p_now timestamptz)
            RETURNS void LANGUAGE plpgsql AS $fn$
            DECLARE
                z occupancy_zones;
            BEGIN
                UPDATE occupancy_zones SET count = count - 1 WHERE hall_id = p_hall AND zone_id = p_zone RETURNING * INTO z;
                IF z.is_public THEN
                    UPDATE hall_occupancy SET inside = inside - 1 WHERE hall_id = p_hall;
                END IF;
                UPDATE zone_presences SET left_at = p_now WHERE admission_id = p_admission AND left_at IS NULL;
            END
            $fn$;

            -- Lets in the head of the door queue (priority groups first, then in order of arrival) while an
            -- entry zone has room. The caller holds the hall's lock. Returns how many were let in.
            CREATE OR REPLACE FUNCTION occupancy_advance_queue(p_hall text, p_now timestamptz, p_trace text)
            RETURNS int LANGUAGE plpgsql AS $fn$
            DECLARE
                h hall_occupancy;
                a admissions;
                v_zone text;
                v_let_in int := 0;
            BEGIN
                LOOP
                    SELECT * INTO h FROM hall_occupancy WHERE hall_id = p_hall;
                    EXIT WHEN h.queue_length = 0 OR h.on_site_state = 'suspended';
                    v_zone := occupancy_entry_zone(p_hall);
                    EXIT WHEN v_zone IS NULL;
                    SELECT * INTO a FROM admissions WHERE hall_id = p_hall AND state = 'queued' ORDER BY queue_rank, queued_seq LIMIT 1;
                    EXIT WHEN NOT FOUND;
                    UPDATE admissions SET state = 'inside', zone_id = v_zone, admitted_at = p_now WHERE id = a.id;
                    UPDATE hall_occupancy SET queue_length = queue_length - 1 WHERE hall_id = p_hall;
                    PERFORM occupancy_enter(p_hall, v_zone, a.id, a.person_key, p_now, p_trace);
                    PERFORM occupancy_outbox('QueueAdvanced', jsonb_build_object(
                        'hallId', p_hall, 'admissionId', a.id, 'personKey', a.person_key, 'ticket', a.ticket, 'zoneId', v_zone,
                        'queueLength', h.queue_length - 1, 'occurredAt', p_now), p_now, p_trace);
                    PERFORM occupancy_changed(p_hall, 'queue_advanced', ARRAY[v_zone], p_now);
                    v_let_in := v_let_in + 1;
                END LOOP;
                RETURN v_let_in;
            END
            $fn$;

            -- A person through screening reaches the door. Staff and couriers are recorded and go in; a visitor
            -- is turned away while on-site service is suspended or the day's quota is reached, let in when no one
            -- is waiting and an entry zone has room, and queued otherwise. The admission's id is the screening's,
            -- so the same screening never counts twice. Returns inside, queued, turned_away:<reason>,
            -- duplicate, already_present or hall_unknown.
            CREATE OR REPLACE FUNCTION occupancy_admit(
                p_id uuid, p_hall text, p_person_key text, p_kind text, p_priority text, p_lane text, p_now timestamptz, p_trace text)
            RETURNS text LANGUAGE plpgsql AS $fn$
            DECLARE
                h hall_occupancy;
                v_date date;
                v_zone text;
                v_purge timestamptz;
            BEGIN
                SELECT * INTO h FROM hall_occupancy WHERE hall_id = p_hall FOR UPDATE;
                IF NOT FOUND THEN
                    RETURN 'hall_unknown';
                END IF;
                IF EXISTS (SELECT 1 FROM admissions WHERE id = p_id) THEN
                    RETURN 'duplicate';
                END IF;
                IF EXISTS (SELECT 1 FROM admissions WHERE hall_id = p_hall AND person_key = p_person_key AND state IN ('queued', 'inside')) THEN
                    RETURN 'already_present';
                END IF;

                v_purge := p_now + make_interval(days => h.retention_days);
                v_date := (p_now AT TIME ZONE h.time_zone)::date;
                IF h.reception_date IS DISTINCT FROM v_date THEN
                    UPDATE hall_occupancy SET reception_date = v_date, received_today = 0, last_ticket = 0 WHERE hall_id = p_hall RETURNING * INTO h;
                END IF;

                IF p_kind IN ('staff', 'courier') THEN
                    INSERT INTO admissions (id, hall_id, person_key, person_kind, priority_group, state, lane, arrived_at, admitted_at, purge_after)
                    VALUES (p_id, p_hall, p_person_key, p_kind, p_priority, 'inside', p_lane, p_now, p_now, v_purge);
                    UPDATE hall_occupancy SET staff_present = staff_present + 1 WHERE hall_id = p_hall;
                    PERFORM occupancy_changed(p_hall, 'staff_arrived', '{}', p_now);
                    RETURN 'inside';
                END IF;

                IF h.on_site_state = 'suspended' OR (h.daily_quota IS NOT NULL AND h.received_today >= h.daily_quota) THEN
                    INSERT INTO admissions (id, hall_id, person_key, person_kind, priority_group, state, reason, lane, arrived_at, purge_after)
                    VALUES (p_id, p_hall, p_person_key, p_kind, p_priority, 'turned_away',
                            CASE WHEN h.on_site_state = 'suspended' THEN 'on_site_suspended' ELSE 'quota_reached' END, p_lane, p_now, v_purge);
                    RETURN 'turned_away:' || CASE WHEN h.on_site_state = 'suspended' THEN 'on_site_suspended' ELSE 'quota_reached' END;
                END IF;

                UPDATE hall_occupancy SET received_today = received_today + 1 WHERE hall_id = p_hall;
                IF h.queue_length = 0 THEN
                    v_zone := occupancy_entry_zone(p_hall);
                END IF;
                IF v_zone IS NOT NULL THEN
                    INSERT INTO admissions (id, hall_id, person_key, person_kind, priority_group, state, zone_id, lane, arrived_at, admitted_at, purge_after)
                    VALUES (p_id, p_hall, p_person_key, p_kind, p_priority, 'inside', v_zone, p_lane, p_now, p_now, v_purge);
                    PERFORM occupancy_enter(p_hall, v_zone, p_id, p_person_key, p_now, p_trace);
                    PERFORM occupancy_changed(p_hall, 'admitted', ARRAY[v_zone], p_now);
                    RETURN 'inside';
                END IF;

                UPDATE hall_occupancy SET last_ticket = last_ticket + 1, queue_length = queue_length + 1 WHERE hall_id = p_hall RETURNING * INTO h;
                INSERT INTO admissions (id, hall_id, person_key, person_kind, priority_group, state, ticket, queue_rank, queued_seq, lane, arrived_at, purge_after)
                VALUES (p_id, p_hall, p_person_key, p_kind, p_priority, 'queued', h.last_ticket,
                        CASE WHEN p_priority IS NULL THEN 1 ELSE 0 END, nextval('occupancy_queue_seq'), p_lane, p_now, v_purge);
                PERFORM occupancy_changed(p_hall, 'queued', '{}', p_now);
                RETURN 'queued';
            END
            $fn$;

            -- A person leaves the hall through an exit. The exit device's id makes a retry safe. Frees the place
            -- and lets in the head of the queue. Returns (outcome, admission, zone, let in): outcome exited,
            -- replayed, exit_id_reused, not_inside or hall_unknown.
            CREATE OR REPLACE FUNCTION occupancy_exit(
                p_hall text, p_person_key text, p_exit_id uuid, p_gate text, p_now timestamptz, p_trace text)
            RETURNS TABLE (outcome text, exited_admission uuid, from_zone text, let_in int) LANGUAGE plpgsql AS $fn$
            DECLARE
                a admissions;
                v_let_in int;
            BEGIN
                PERFORM 1 FROM hall_occupancy h WHERE h.hall_id = p_hall FOR UPDATE;
                IF NOT FOUND THEN
                    RETURN QUERY SELECT 'hall_unknown'::text, NULL::uuid, NULL::text, 0;
                    RETURN;
                END IF;
                IF p_exit_id IS NOT NULL THEN
                    SELECT * INTO a FROM admissions x WHERE x.exit_id = p_exit_id;
                    IF FOUND THEN
                        RETURN QUERY SELECT CASE WHEN a.hall_id = p_hall AND a.person_key = p_person_key THEN 'replayed' ELSE 'exit_id_reused' END,
                                            a.id, a.zone_id::text, 0;
                        RETURN;
                    END IF;
                END IF;
                SELECT * INTO a FROM admissions x WHERE x.hall_id = p_hall AND x.person_key = p_person_key AND x.state = 'inside';
                IF NOT FOUND THEN
                    RETURN QUERY SELECT 'not_inside'::text, NULL::uuid, NULL::text, 0;
                    RETURN;
                END IF;

                UPDATE admissions x SET state = 'exited', exited_at = p_now, exit_id = p_exit_id, exit_gate = p_gate WHERE x.id = a.id;
                IF a.zone_id IS NOT NULL THEN
                    PERFORM occupancy_leave(p_hall, a.zone_id, a.id, p_now);
                ELSE
                    UPDATE hall_occupancy h SET staff_present = h.staff_present - 1 WHERE h.hall_id = p_hall;
                END IF;
                PERFORM occupancy_changed(p_hall, 'exited', CASE WHEN a.zone_id IS NULL THEN '{}'::text[] ELSE ARRAY[a.zone_id] END, p_now);
                v_let_in := occupancy_advance_queue(p_hall, p_now, p_trace);
                RETURN QUERY SELECT 'exited'::text, a.id, a.zone_id::text, v_let_in;
            END
            $fn$;

            -- A person inside moves to another zone, if it is open and has room. Returns moved, not_inside,
            -- zone_unknown, already_there, zone_closed, zone_full or hall_unknown.
            CREATE OR REPLACE FUNCTION occupancy_move(p_hall text, p_person_key text, p_to_zone text, p_now timestamptz, p_trace text)
            RETURNS text LANGUAGE plpgsql AS $fn$
            DECLARE
                a admissions;
                z occupancy_zones;
            BEGIN
                PERFORM 1 FROM hall_occupancy WHERE hall_id = p_hall FOR UPDATE;
                IF NOT FOUND THEN
                    RETURN 'hall_unknown';
                END IF;
                SELECT * INTO a FROM admissions WHERE hall_id = p_hall AND person_key = p_person_key AND state = 'inside';
                IF NOT FOUND OR a.zone_id IS NULL THEN
                    RETURN 'not_inside';
                END IF;
                SELECT * INTO z FROM occupancy_zones WHERE hall_id = p_hall AND zone_id = p_to_zone;
                IF NOT FOUND THEN
                    RETURN 'zone_unknown';
                ELSIF a.zone_id = p_to_zone THEN
                    RETURN 'already_there';
                ELSIF z.state = 'closed' THEN
                    RETURN 'zone_closed';
                ELSIF z.count >= z.capacity THEN
                    RETURN 'zone_full';
                END IF;

                PERFORM occupancy_leave(p_hall, a.zone_id, a.id, p_now);
                PERFORM occupancy_enter(p_hall, p_to_zone, a.id, a.person_key, p_now, p_trace);
                UPDATE admissions SET zone_id = p_to_zone WHERE id = a.id;
                PERFORM occupancy_changed(p_hall, 'moved', ARRAY[a.zone_id, p_to_zone], p_now);
                PERFORM occupancy_advance_queue(p_hall, p_now, p_trace);
                RETURN 'moved';
            END
            $fn$;

            -- Closes a zone (capacity 0); its people stay counted until moved out. Returns closed,
            -- already_closed, zone_unknown or hall_unknown.
            CREATE OR REPLACE FUNCTION occupancy_close_zone(p_hall text, p_zone text, p_reason text, p_incident text, p_now timestamptz, p_trace text)
            RETURNS text LANGUAGE plpgsql AS $fn$
            DECLARE
                z occupancy_zones;
            BEGIN
                PERFORM 1 FROM hall_occupancy WHERE hall_id = p_hall FOR UPDATE;
                IF NOT FOUND THEN
                    RETURN 'hall_unknown';
                END IF;
                SELECT * INTO z FROM occupancy_zones WHERE hall_id = p_hall AND zone_id = p_zone;
                IF NOT FOUND THEN
                    RETURN 'zone_unknown';
                ELSIF z.state = 'closed' THEN
                    RETURN 'already_closed';
                END IF;
                UPDATE occupancy_zones SET state = 'closed', capacity = 0, closed_reason = p_reason, closed_by_incident = p_incident, closed_at = p_now
                WHERE hall_id = p_hall AND zone_id = p_zone;
                IF z.is_public THEN
                    UPDATE hall_occupancy SET capacity = capacity - z.capacity WHERE hall_id = p_hall;
                END IF;
                PERFORM occupancy_outbox('ZoneClosed', jsonb_build_object(
                    'hallId', p_hall, 'zoneId', p_zone, 'reason', p_reason, 'incidentId', p_incident, 'peopleInside', z.count, 'occurredAt', p_now), p_now, p_trace);
                PERFORM occupancy_changed(p_hall, 'zone_closed', ARRAY[p_zone], p_now);
                RETURN 'closed';
            END
            $fn$;

            -- Reopens a closed zone at its planned capacity and lets the queue in. p_by: sanitized or override.
            -- Returns reopened, not_closed, zone_unknown or hall_unknown.
            CREATE OR REPLACE FUNCTION occupancy_reopen_zone(p_hall text, p_zone text, p_by text, p_overridden_by text, p_now timestamptz, p_trace text)
            RETURNS text LANGUAGE plpgsql AS $fn$
            DECLARE
                z occupancy_zones;
            BEGIN
                PERFORM 1 FROM hall_occupancy WHERE hall_id = p_hall FOR UPDATE;
                IF NOT FOUND THEN
                    RETURN 'hall_unknown';
                END IF;
                SELECT * INTO z FROM occupancy_zones WHERE hall_id = p_hall AND zone_id = p_zone;
                IF NOT FOUND THEN
                    RETURN 'zone_unknown';
                ELSIF z.state <> 'closed' THEN
                    RETURN 'not_closed';
                END IF;
                UPDATE occupancy_zones SET state = 'open', capacity = planned_capacity, closed_reason = NULL, closed_by_incident = NULL, closed_at = NULL
                WHERE hall_id = p_hall AND zone_id = p_zone;
                IF z.is_public THEN
                    UPDATE hall_occupancy SET capacity = capacity + z.planned_capacity WHERE hall_id = p_hall;
                END IF;
                PERFORM occupancy_outbox('ZoneReopened', jsonb_build_object(
                    'hallId', p_hall, 'zoneId', p_zone, 'reopenedBy', p_by, 'overriddenBy', p_overridden_by, 'capacity', z.planned_capacity,
                    'occurredAt', p_now), p_now, p_trace);
                PERFORM occupancy_changed(p_hall, 'zone_reopened', ARRAY[p_zone], p_now);
                PERFORM occupancy_advance_queue(p_hall, p_now, p_trace);
                RETURN 'reopened';
            END
            $fn$;

            -- On-site service suspended (the door queue is sent away and no one is let in) or resumed.
            -- Returns how many queued people were turned away, or -1 for an unknown hall.
            CREATE OR REPLACE FUNCTION occupancy_set_on_site(p_hall text, p_state text, p_now timestamptz, p_trace text)
            RETURNS int LANGUAGE plpgsql AS $fn$
            DECLARE
                h hall_occupancy;
                v_sent_away int := 0;
            BEGIN
                SELECT * INTO h FROM hall_occupancy WHERE hall_id = p_hall FOR UPDATE;
                IF NOT FOUND THEN
                    RETURN -1;
                END IF;
                IF h.on_site_state = p_state THEN
                    RETURN 0;
                END IF;
                UPDATE hall_occupancy SET on_site_state = p_state WHERE hall_id = p_hall;
                IF p_state = 'suspended' THEN
                    UPDATE admissions SET state = 'turned_away', reason = 'on_site_suspended' WHERE hall_id = p_hall AND state = 'queued';
                    GET DIAGNOSTICS v_sent_away = ROW_COUNT;
                    UPDATE hall_occupancy SET queue_length = 0 WHERE hall_id = p_hall;
                END IF;
                PERFORM occupancy_changed(p_hall, CASE WHEN p_state = 'suspended' THEN 'on_site_suspended' ELSE 'on_site_resumed' END, '{}', p_now);
                PERFORM occupancy_advance_queue(p_hall, p_now, p_trace);
                RETURN v_sent_away;
            END
            $fn$;
            """;
    }
}
