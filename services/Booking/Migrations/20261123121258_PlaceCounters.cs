using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Booking.Migrations
{
    /// <inheritdoc />
    public partial class PlaceCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A row per place left a trail of dead index entries that every booking of a busy day walked
            // past (hundreds of pages by evening); counters in stripes are updated in place instead.
            migrationBuilder.AddColumn<bool>(
                name: "place_reserved",
                table: "bookings",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "place_stripe",
                table: "bookings",
                type: "smallint",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "quota_stripe",
                table: "bookings",
                type: "smallint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "day_quota_counters",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    stripe = table.Column<short>(type: "smallint", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    taken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_day_quota_counters", x => new { x.hall_id, x.date, x.stripe });
                    table.CheckConstraint("ck_day_quota_counters_taken", "taken >= 0 AND taken <= capacity");
                });

            migrationBuilder.CreateTable(
                name: "slot_place_counters",
                columns: table => new
                {
                    hall_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    slot_id = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false),
                    reserved = table.Column<bool>(type: "boolean", nullable: false),
                    stripe = table.Column<short>(type: "smallint", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    taken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slot_place_counters", x => new { x.hall_id, x.slot_id, x.reserved, x.stripe });
                    table.CheckConstraint("ck_slot_place_counters_taken", "taken >= 0 AND taken <= capacity");
                });

            migrationBuilder.Sql("""

                -- What the seats and tokens held becomes one stripe per kind; the re-plan below spreads
                -- the days still ahead over their stripes.
                INSERT INTO slot_place_counters (hall_id, slot_id, reserved, stripe, capacity, taken)
                SELECT hall_id, slot_id, reserved, 0, count(*), count(booking_id) FROM slot_seats GROUP BY hall_id, slot_id, reserved;
                UPDATE bookings b SET place_reserved = s.reserved, place_stripe = 0 FROM slot_seats s WHERE s.booking_id = b.id;
                INSERT INTO day_quota_counters (hall_id, date, stripe, capacity, taken)
                SELECT hall_id, date, 0, count(*), count(booking_id) FROM day_quota_tokens GROUP BY hall_id, date;
                UPDATE bookings b SET quota_stripe = 0 FROM day_quota_tokens t WHERE t.booking_id = b.id;
                """);

            migrationBuilder.DropTable(
                name: "day_quota_tokens");

            migrationBuilder.DropTable(
                name: "slot_seats");

            migrationBuilder.Sql("""

                DROP FUNCTION booking_take_seat(text, text, boolean, uuid);
                DROP FUNCTION booking_take_token(text, date, uuid);
                """);

            migrationBuilder.Sql("""

                CREATE FUNCTION booking_stripes(p_places integer) RETURNS integer
                LANGUAGE sql IMMUTABLE AS $fn$
                    -- About four places a stripe, at most 64 stripes: more stripes than bookings in flight at once.
                    SELECT least(64, greatest(1, (p_places + 3) / 4))
                $fn$;

                CREATE FUNCTION booking_plan_slot(p_hall text, p_slot text, p_capacity integer, p_reserve integer)
                RETURNS void
                LANGUAGE plpgsql AS $fn$
                DECLARE
                    v_taken integer;
                    v_free integer;
                    v_reserved boolean;
                    v_want integer;
                BEGIN
                    -- Lock the slot's counters first: bookings in flight finish, new ones look again until the
                    -- re-plan commits, so the places counted here are the places there are.
                    PERFORM 1 FROM slot_place_counters c WHERE c.hall_id = p_hall AND c.slot_id = p_slot FOR UPDATE;
                    SELECT coalesce(sum(c.taken), 0) INTO v_taken FROM slot_place_counters c WHERE c.hall_id = p_hall AND c.slot_id = p_slot;
                    v_free := greatest(0, p_capacity - v_taken);
                    FOREACH v_reserved IN ARRAY ARRAY[true, false] LOOP
                        -- The walk-in reserve is kept first, out of what is free; the rest is open to every channel.
                        v_want := CASE WHEN v_reserved THEN least(p_reserve, v_free) ELSE v_free - least(p_reserve, v_free) END;
                        IF v_want > 0 THEN
                            INSERT INTO slot_place_counters (hall_id, slot_id, reserved, stripe, capacity, taken)
                            SELECT p_hall, p_slot, v_reserved, g, 0, 0 FROM generate_series(0, booking_stripes(v_want) - 1) AS g
                            ON CONFLICT DO NOTHING;
                        END IF;
                        -- Every stripe keeps what is taken and gets an even share of what is free.
                        UPDATE slot_place_counters c
                        SET capacity = c.taken + v_want / s.k + CASE WHEN s.i < v_want % s.k THEN 1 ELSE 0 END
                        FROM (SELECT x.stripe, row_number() OVER (ORDER BY x.stripe) - 1 AS i, count(*) OVER () AS k
                              FROM slot_place_counters x WHERE x.hall_id = p_hall AND x.slot_id = p_slot AND x.reserved = v_reserved) s
                        WHERE c.hall_id = p_hall AND c.slot_id = p_slot AND c.reserved = v_reserved AND c.stripe = s.stripe
                          AND c.capacity <> c.taken + v_want / s.k + CASE WHEN s.i < v_want % s.k THEN 1 ELSE 0 END;
                    END LOOP;
                END
                $fn$;

                CREATE FUNCTION booking_plan_quota(p_hall text, p_date date, p_quota integer)
                RETURNS void
                LANGUAGE plpgsql AS $fn$
                DECLARE
                    v_want integer;
                BEGIN
                    -- As booking_plan_slot, for the day's quota.
                    PERFORM 1 FROM day_quota_counters c WHERE c.hall_id = p_hall AND c.date = p_date FOR UPDATE;
                    SELECT greatest(0, p_quota - coalesce(sum(c.taken), 0)) INTO v_want
                    FROM day_quota_counters c WHERE c.hall_id = p_hall AND c.date = p_date;
                    IF v_want > 0 THEN
                        INSERT INTO day_quota_counters (hall_id, date, stripe, capacity, taken)
                        SELECT p_hall, p_date, g, 0, 0 FROM generate_series(0, booking_stripes(v_want) - 1) AS g
                        ON CONFLICT DO NOTHING;
                    END IF;
                    UPDATE day_quota_counters c
                    SET capacity = c.taken + v_want / s.k + CASE WHEN s.i < v_want % s.k THEN 1 ELSE 0 END
                    FROM (SELECT x.stripe, row_number() OVER (ORDER BY x.stripe) - 1 AS i, count(*) OVER () AS k
                          FROM day_quota_counters x WHERE x.hall_id = p_hall AND x.date = p_date) s
                    WHERE c.hall_id = p_hall AND c.date = p_date AND c.stripe = s.stripe
                      AND c.capacity <> c.taken + v_want / s.k + CASE WHEN s.i < v_want % s.k THEN 1 ELSE 0 END;
                END
                $fn$;

                CREATE FUNCTION booking_take_place(p_hall text, p_slot text, p_reserved boolean)
                RETURNS smallint
                LANGUAGE plpgsql AS $fn$
                DECLARE
                    v_stripe smallint;
                BEGIN
                    -- One place from the first stripe with room that no booking in flight holds. It never waits
                    -- on a row lock (bookings waiting on each other's rows deadlocked): when every stripe with
                    -- room is held (by bookings in flight, or by a re-plan) it looks again 2 ms later, for up to
                    -- about 2 s. Null when the slot has no room of this kind.
                    FOR attempt IN 1..1000 LOOP
                        UPDATE slot_place_counters c SET taken = c.taken + 1
                        WHERE (c.hall_id, c.slot_id, c.reserved, c.stripe) = (
                            SELECT f.hall_id, f.slot_id, f.reserved, f.stripe FROM slot_place_counters f
                            WHERE f.hall_id = p_hall AND f.slot_id = p_slot AND f.reserved = p_reserved AND f.taken < f.capacity
                            ORDER BY f.stripe LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING c.stripe INTO v_stripe;
                        IF FOUND THEN RETURN v_stripe; END IF;
                        EXIT WHEN NOT EXISTS (
                            SELECT 1 FROM slot_place_counters f
                            WHERE f.hall_id = p_hall AND f.slot_id = p_slot AND f.reserved = p_reserved AND f.taken < f.capacity);
                        PERFORM pg_sleep(0.002);
                    END LOOP;
                    RETURN NULL;
                END
                $fn$;

                CREATE FUNCTION booking_take_quota(p_hall text, p_date date)
                RETURNS smallint
                LANGUAGE plpgsql AS $fn$
                DECLARE
                    v_stripe smallint;
                BEGIN
                    -- As booking_take_place, for one unit of the day's quota.
                    FOR attempt IN 1..1000 LOOP
                        UPDATE day_quota_counters c SET taken = c.taken + 1
                        WHERE (c.hall_id, c.date, c.stripe) = (
                            SELECT f.hall_id, f.date, f.stripe FROM day_quota_counters f
                            WHERE f.hall_id = p_hall AND f.date = p_date AND f.taken < f.capacity
                            ORDER BY f.stripe LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING c.stripe INTO v_stripe;
                        IF FOUND THEN RETURN v_stripe; END IF;
                        EXIT WHEN NOT EXISTS (
                            SELECT 1 FROM day_quota_counters f WHERE f.hall_id = p_hall AND f.date = p_date AND f.taken < f.capacity);
                        PERFORM pg_sleep(0.002);
                    END LOOP;
                    RETURN NULL;
                END
                $fn$;
                """);

            migrationBuilder.Sql("""

                CREATE OR REPLACE FUNCTION booking_confirm(
                    p_booking jsonb,
                    p_use_reserved boolean,
                    p_take_places boolean,
                    p_max_active integer,
                    p_idem_scope text,
                    p_idem_key text,
                    p_request_hash text,
                    p_event_id uuid,
                    p_event_type text,
                    p_event_payload jsonb,
                    p_trace_parent text,
                    p_now timestamptz,
                    p_green_limit integer,
                    p_catalog_version bigint)
                RETURNS TABLE (outcome text, booking_id uuid)
                LANGUAGE plpgsql AS $fn$
                DECLARE
                    v_id uuid := (p_booking->>'id')::uuid;
                    v_hall text := p_booking->>'hall_id';
                    v_slot text := p_booking->>'slot_id';
                    v_date date := (p_booking->>'date')::date;
                    v_person text := p_booking->>'person_key';
                    v_hash text;
                    v_existing uuid;
                    v_quota smallint;
                    v_place smallint;
                    v_reserved boolean := false;
                BEGIN
                    IF p_idem_key IS NOT NULL THEN
                        SELECT k.request_hash, k.booking_id INTO v_hash, v_existing
                        FROM idempotency_keys k WHERE k.scope = p_idem_scope AND k.key = p_idem_key;
                        IF FOUND THEN
                            RETURN QUERY SELECT CASE WHEN v_hash = p_request_hash THEN 'replayed' ELSE 'idempotency_conflict' END, v_existing;
                            RETURN;
                        END IF;
                    END IF;

                    -- The booking was decided on a cached catalog: refuse it if the hall, its policy or
                    -- its items changed since, so that the caller decides again on fresh data.
                    IF p_catalog_version IS NOT NULL AND p_catalog_version IS DISTINCT FROM
                        (SELECT v.version FROM booking_catalog_versions v WHERE v.hall_id = v_hall) THEN
                        RAISE EXCEPTION USING ERRCODE = 'CH409', MESSAGE = 'catalog_changed';
                    END IF;

                    -- A full slot answers at once, before anything is written or locked.
                    IF p_take_places
                        AND NOT EXISTS (SELECT 1 FROM slot_place_counters c
                                        WHERE c.hall_id = v_hall AND c.slot_id = v_slot AND NOT c.reserved AND c.taken < c.capacity)
                        AND NOT (p_use_reserved AND EXISTS (
                            SELECT 1 FROM slot_place_counters c
                            WHERE c.hall_id = v_hall AND c.slot_id = v_slot AND c.reserved AND c.taken < c.capacity)) THEN
                        RETURN QUERY SELECT 'slot_full'::text, NULL::uuid;
                        RETURN;
                    END IF;

                    IF p_idem_key IS NOT NULL THEN
                        INSERT INTO idempotency_keys (scope, key, request_hash, booking_id, created_at)
                        VALUES (p_idem_scope, p_idem_key, p_request_hash, v_id, p_now)
                        ON CONFLICT DO NOTHING;
                        IF NOT FOUND THEN
                            -- A concurrent request with this key committed first.
                            SELECT k.request_hash, k.booking_id INTO v_hash, v_existing
                            FROM idempotency_keys k WHERE k.scope = p_idem_scope AND k.key = p_idem_key;
                            RETURN QUERY SELECT CASE WHEN v_hash = p_request_hash THEN 'replayed' ELSE 'idempotency_conflict' END, v_existing;
                            RETURN;
                        END IF;
                    END IF;

                    INSERT INTO person_active_bookings AS a (person_key, active) VALUES (v_person, 1)
                    ON CONFLICT (person_key) DO UPDATE SET active = a.active + 1
                    WHERE p_max_active IS NULL OR a.active < p_max_active;
                    IF NOT FOUND THEN
                        RAISE EXCEPTION USING ERRCODE = 'CH409', MESSAGE = 'too_many_active_bookings';
                    END IF;

                    -- Green channel: outside the slot's places and the quota, but only so many a day.
                    IF p_green_limit IS NOT NULL THEN
                        IF p_green_limit < 1 THEN
                            RAISE EXCEPTION USING ERRCODE = 'CH409', MESSAGE = 'green_channel_exhausted';
                        END IF;
                        INSERT INTO green_channel_usage AS u (hall_id, date, used) VALUES (v_hall, v_date, 1)
                        ON CONFLICT (hall_id, date) DO UPDATE SET used = u.used + 1 WHERE u.used < p_green_limit;
                        IF NOT FOUND THEN
                            RAISE EXCEPTION USING ERRCODE = 'CH409', MESSAGE = 'green_channel_exhausted';
                        END IF;
                    END IF;

                    IF p_take_places THEN
                        v_quota := booking_take_quota(v_hall, v_date);
                        IF v_quota IS NULL THEN
                            RAISE EXCEPTION USING ERRCODE = 'CH409', MESSAGE = 'quota_reached';
                        END IF;

                        -- Special groups take the walk-in reserve first, then any place.
                        IF p_use_reserved THEN
                            v_place := booking_take_place(v_hall, v_slot, true);
                            v_reserved := v_place IS NOT NULL;
                        END IF;
                        IF v_place IS NULL THEN
                            v_place := booking_take_place(v_hall, v_slot, false);
                        END IF;
                        IF v_place IS NULL THEN
                            RAISE EXCEPTION USING ERRCODE = 'CH409', MESSAGE = 'slot_full';
                        END IF;
                        p_booking := p_booking || jsonb_build_object('place_reserved', v_reserved, 'place_stripe', v_place, 'quota_stripe', v_quota);
                    END IF;

                    INSERT INTO bookings SELECT * FROM jsonb_populate_record(NULL::bookings, p_booking);
                    INSERT INTO outbox_messages (id, message_type, payload, occurred_at, created_at, trace_parent, attempts, next_attempt_at)
                    VALUES (p_event_id, p_event_type, p_event_payload, p_now, p_now, p_trace_parent, 0, p_now);
                    RETURN QUERY SELECT 'confirmed'::text, v_id;
                END
                $fn$;
                """);

            migrationBuilder.Sql("""

                SELECT booking_plan_slot(s.hall_id, s.slot_id, s.capacity, s.reserve) FROM slots s WHERE s.date >= current_date - 1;
                SELECT booking_plan_quota(p.hall_id, p.date, p.daily_quota) FROM planned_days p WHERE p.date >= current_date - 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Forward only: going back would have to number seats and tokens for every counted place.
            throw new NotSupportedException("PlaceCounters cannot be reverted; restore the database from a backup taken before it.");
        }
    }
}
