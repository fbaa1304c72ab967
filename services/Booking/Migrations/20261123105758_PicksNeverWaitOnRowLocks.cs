using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Booking.Migrations
{
    /// <inheritdoc />
    public partial class PicksNeverWaitOnRowLocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Under a hot slot, bookings that waited on each other's seat and token rows deadlocked
            // (40P01, answered 500). Picks now skip locked rows and look again instead of waiting.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION booking_take_token(p_hall text, p_date date, p_booking uuid)
                RETURNS boolean
                LANGUAGE plpgsql AS $fn$
                BEGIN
                    -- As booking_take_seat: the lowest free token no booking in flight holds, never waiting on a row lock.
                    FOR attempt IN 1..100 LOOP
                        UPDATE day_quota_tokens t SET booking_id = p_booking
                        WHERE (t.hall_id, t.date, t.token_no) = (
                            SELECT f.hall_id, f.date, f.token_no FROM day_quota_tokens f
                            WHERE f.hall_id = p_hall AND f.date = p_date AND f.booking_id IS NULL
                            ORDER BY f.token_no LIMIT 1 FOR UPDATE SKIP LOCKED);
                        IF FOUND THEN RETURN true; END IF;
                        EXIT WHEN NOT EXISTS (SELECT 1 FROM day_quota_tokens f WHERE f.hall_id = p_hall AND f.date = p_date AND f.booking_id IS NULL);
                        PERFORM pg_sleep(0.002);
                    END LOOP;
                    RETURN false;
                END
                $fn$;
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION booking_take_seat(p_hall text, p_slot text, p_reserved boolean, p_booking uuid)
                RETURNS boolean
                LANGUAGE plpgsql AS $fn$
                BEGIN
                    -- reserved is matched by equality, so the pick walks ix_slot_seats_free in seat order and
                    -- stops at the first free seat no other booking holds, whatever the slot's size. It never
                    -- waits on a row lock (waiting bookings queued on each other's rows and deadlocked): when
                    -- every free seat is held by a booking in flight it looks again a moment later.
                    FOR attempt IN 1..100 LOOP
                        UPDATE slot_seats s SET booking_id = p_booking
                        WHERE (s.hall_id, s.slot_id, s.seat_no) = (
                            SELECT f.hall_id, f.slot_id, f.seat_no FROM slot_seats f
                            WHERE f.hall_id = p_hall AND f.slot_id = p_slot AND f.reserved = p_reserved AND f.booking_id IS NULL
                            ORDER BY f.seat_no LIMIT 1 FOR UPDATE SKIP LOCKED);
                        IF FOUND THEN RETURN true; END IF;
                        EXIT WHEN NOT EXISTS (
                            SELECT 1 FROM slot_seats f WHERE f.hall_id = p_hall AND f.slot_id = p_slot AND f.reserved = p_reserved AND f.booking_id IS NULL);
                        PERFORM pg_sleep(0.002);
                    END LOOP;
                    RETURN false;
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
                    v_taken boolean;
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
                        AND NOT EXISTS (SELECT 1 FROM slot_seats s WHERE s.hall_id = v_hall AND s.slot_id = v_slot AND s.booking_id IS NULL AND NOT s.reserved)
                        AND NOT (p_use_reserved AND EXISTS (
                            SELECT 1 FROM slot_seats s WHERE s.hall_id = v_hall AND s.slot_id = v_slot AND s.booking_id IS NULL AND s.reserved)) THEN
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
                        v_taken := booking_take_token(v_hall, v_date, v_id);
                        IF NOT v_taken THEN
                            RAISE EXCEPTION USING ERRCODE = 'CH409', MESSAGE = 'quota_reached';
                        END IF;

                        -- Special groups take the walk-in reserve first, then any place.
                        v_taken := p_use_reserved AND booking_take_seat(v_hall, v_slot, true, v_id);
                        IF NOT v_taken THEN
                            v_taken := booking_take_seat(v_hall, v_slot, false, v_id);
                        END IF;
                        IF NOT v_taken THEN
                            RAISE EXCEPTION USING ERRCODE = 'CH409', MESSAGE = 'slot_full';
                        END IF;
                    END IF;

                    INSERT INTO bookings SELECT * FROM jsonb_populate_record(NULL::bookings, p_booking);
                    INSERT INTO outbox_messages (id, message_type, payload, occurred_at, created_at, trace_parent, attempts, next_attempt_at)
                    VALUES (p_event_id, p_event_type, p_event_payload, p_now, p_now, p_trace_parent, 0, p_now);
                    RETURN QUERY SELECT 'confirmed'::text, v_id;
                END
                $fn$;
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                    v_taken boolean;
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
                        AND NOT EXISTS (SELECT 1 FROM slot_seats s WHERE s.hall_id = v_hall AND s.slot_id = v_slot AND s.booking_id IS NULL AND NOT s.reserved)
                        AND NOT (p_use_reserved AND EXISTS (
                            SELECT 1 FROM slot_seats s WHERE s.hall_id = v_hall AND s.slot_id = v_slot AND s.booking_id IS NULL AND s.reserved)) THEN
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
                        v_taken := false;
                        FOR attempt IN 1..3 LOOP
                            UPDATE day_quota_tokens t SET booking_id = v_id
                            WHERE (t.hall_id, t.date, t.token_no) = (
                                SELECT f.hall_id, f.date, f.token_no FROM day_quota_tokens f
                                WHERE f.hall_id = v_hall AND f.date = v_date AND f.booking_id IS NULL
                                ORDER BY f.token_no LIMIT 1 FOR UPDATE SKIP LOCKED);
                            IF FOUND THEN v_taken := true; EXIT; END IF;
                            -- Every free token is held by a booking in flight: wait for one of them to decide.
                            UPDATE day_quota_tokens t SET booking_id = v_id
                            WHERE (t.hall_id, t.date, t.token_no) = (
                                SELECT f.hall_id, f.date, f.token_no FROM day_quota_tokens f
                                WHERE f.hall_id = v_hall AND f.date = v_date AND f.booking_id IS NULL
                                ORDER BY f.token_no LIMIT 1 FOR UPDATE);
                            IF FOUND THEN v_taken := true; EXIT; END IF;
                            EXIT WHEN NOT EXISTS (SELECT 1 FROM day_quota_tokens f WHERE f.hall_id = v_hall AND f.date = v_date AND f.booking_id IS NULL);
                        END LOOP;
                        IF NOT v_taken THEN
                            RAISE EXCEPTION USING ERRCODE = 'CH409', MESSAGE = 'quota_reached';
                        END IF;

                        -- Special groups take the walk-in reserve first, then any place.
                        v_taken := p_use_reserved AND booking_take_seat(v_hall, v_slot, true, v_id);
                        IF NOT v_taken THEN
                            v_taken := booking_take_seat(v_hall, v_slot, false, v_id);
                        END IF;
                        IF NOT v_taken THEN
                            RAISE EXCEPTION USING ERRCODE = 'CH409', MESSAGE = 'slot_full';
                        END IF;
                    END IF;

                    INSERT INTO bookings SELECT * FROM jsonb_populate_record(NULL::bookings, p_booking);
                    INSERT INTO outbox_messages (id, message_type, payload, occurred_at, created_at, trace_parent, attempts, next_attempt_at)
                    VALUES (p_event_id, p_event_type, p_event_payload, p_now, p_now, p_trace_parent, 0, p_now);
                    RETURN QUERY SELECT 'confirmed'::text, v_id;
                END
                $fn$;
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION booking_take_seat(p_hall text, p_slot text, p_reserved boolean, p_booking uuid)
                RETURNS boolean
                LANGUAGE plpgsql AS $fn$
                BEGIN
                    -- reserved is matched by equality, so the pick walks ix_slot_seats_free in seat order and
                    -- stops at the first free seat no other booking holds, whatever the slot's size.
                    FOR attempt IN 1..3 LOOP
                        UPDATE slot_seats s SET booking_id = p_booking
                        WHERE (s.hall_id, s.slot_id, s.seat_no) = (
                            SELECT f.hall_id, f.slot_id, f.seat_no FROM slot_seats f
                            WHERE f.hall_id = p_hall AND f.slot_id = p_slot AND f.reserved = p_reserved AND f.booking_id IS NULL
                            ORDER BY f.seat_no LIMIT 1 FOR UPDATE SKIP LOCKED);
                        IF FOUND THEN RETURN true; END IF;
                        -- Every free seat is held by a booking in flight: wait for one of them to decide.
                        UPDATE slot_seats s SET booking_id = p_booking
                        WHERE (s.hall_id, s.slot_id, s.seat_no) = (
                            SELECT f.hall_id, f.slot_id, f.seat_no FROM slot_seats f
                            WHERE f.hall_id = p_hall AND f.slot_id = p_slot AND f.reserved = p_reserved AND f.booking_id IS NULL
                            ORDER BY f.seat_no LIMIT 1 FOR UPDATE);
                        IF FOUND THEN RETURN true; END IF;
                        EXIT WHEN NOT EXISTS (
                            SELECT 1 FROM slot_seats f WHERE f.hall_id = p_hall AND f.slot_id = p_slot AND f.reserved = p_reserved AND f.booking_id IS NULL);
                    END LOOP;
                    RETURN false;
                END
                $fn$;
                """);
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS booking_take_token(text, date, uuid);");

        }
    }
}
