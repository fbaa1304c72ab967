-- A booking, all or nothing: idempotency key, catalog version, places and quota (striped counters),
-- the per-person limit of active bookings and the green channel's daily limit, then the booking row
-- and its BookingConfirmed event in the outbox. Called by BookingStore (one per booking of a request).
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
