-- A citizen's reschedule (改约), all or nothing: the idempotency key, the catalog version, the booking's state and
-- revision and the policy's limit of changes checked under the booking's row lock, then one place of the new slot
-- taken (and a unit of the new day's quota when the day changes) and the old ones given back, the booking moved
-- and its BookingMoved event in the outbox. Never both places held, never both lost: it commits whole or not at all.
-- Called by RescheduleStore; C# has decided the slot is open for the booking's item (BookingTargets).
CREATE OR REPLACE FUNCTION booking_reschedule(
    p_booking_id uuid,
    p_revision integer,
    p_slot text,
    p_date date,
    p_starts_at timestamptz,
    p_ends_at timestamptz,
    p_reason text,
    p_max_reschedules integer,
    p_idem_scope text,
    p_idem_key text,
    p_request_hash text,
    p_event_id uuid,
    p_event_type text,
    p_event_payload jsonb,
    p_trace_parent text,
    p_now timestamptz,
    p_catalog_version bigint)
RETURNS text
LANGUAGE plpgsql AS $fn$
DECLARE
    v_b bookings%ROWTYPE;
    v_hash text;
    v_quota smallint;
    v_place smallint;
BEGIN
    SELECT k.request_hash INTO v_hash FROM idempotency_keys k WHERE k.scope = p_idem_scope AND k.key = p_idem_key;
    IF FOUND THEN
        RETURN CASE WHEN v_hash = p_request_hash THEN 'replayed' ELSE 'idempotency_conflict' END;
    END IF;

    -- Decided on a cached catalog: refused if the hall, its policy or its items changed since.
    IF p_catalog_version IS DISTINCT FROM (SELECT v.version FROM booking_catalog_versions v WHERE v.hall_id = (
            SELECT b.hall_id FROM bookings b WHERE b.id = p_booking_id)) THEN
        RETURN 'catalog_changed';
    END IF;

    -- The booking's lock orders reschedules, cancellations and check-ins of the same booking.
    SELECT * INTO v_b FROM bookings b WHERE b.id = p_booking_id FOR UPDATE;
    IF v_b.revision <> p_revision THEN
        RETURN 'concurrent_update';
    END IF;
    IF v_b.status <> 'confirmed' OR v_b.place_stripe IS NULL THEN
        RETURN 'not_reschedulable';
    END IF;
    IF v_b.reschedule_count >= p_max_reschedules THEN
        RETURN 'reschedule_limit_reached';
    END IF;

    -- A full slot answers at once, before anything is written.
    IF NOT EXISTS (SELECT 1 FROM slot_place_counters c
                   WHERE c.hall_id = v_b.hall_id AND c.slot_id = p_slot AND NOT c.reserved AND c.taken < c.capacity) THEN
        RETURN 'slot_full';
    END IF;

    INSERT INTO idempotency_keys (scope, key, request_hash, booking_id, created_at)
    VALUES (p_idem_scope, p_idem_key, p_request_hash, p_booking_id, p_now)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        -- A concurrent request with this key committed first.
        SELECT k.request_hash INTO v_hash FROM idempotency_keys k WHERE k.scope = p_idem_scope AND k.key = p_idem_key;
        RETURN CASE WHEN v_hash = p_request_hash THEN 'replayed' ELSE 'idempotency_conflict' END;
    END IF;

    -- Another day takes a unit of that day's quota; the same day keeps the unit it holds.
    v_quota := v_b.quota_stripe;
    IF p_date <> v_b.date THEN
        v_quota := booking_take_quota(v_b.hall_id, p_date);
        IF v_quota IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'CH409', MESSAGE = 'quota_reached';
        END IF;
    END IF;

    -- Online channels never take the walk-in reserve.
    v_place := booking_take_place(v_b.hall_id, p_slot, false);
    IF v_place IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CH409', MESSAGE = 'slot_full';
    END IF;

    -- The old place and (for another day) the old unit of quota go back as a cancellation gives them back.
    PERFORM booking_release_place(v_b.hall_id, v_b.slot_id, v_b.place_reserved, v_b.place_stripe);
    IF p_date <> v_b.date AND v_b.quota_stripe IS NOT NULL THEN
        PERFORM booking_release_quota(v_b.hall_id, v_b.date, v_b.quota_stripe);
    END IF;

    UPDATE bookings b
    SET slot_id = p_slot, date = p_date, slot_starts_at = p_starts_at, slot_ends_at = p_ends_at,
        place_reserved = false, place_stripe = v_place, quota_stripe = v_quota,
        moved_from_slot_id = coalesce(b.moved_from_slot_id, v_b.slot_id), move_reason = 'citizen_rescheduled',
        reschedule_count = b.reschedule_count + 1, reschedule_reason = p_reason, revision = b.revision + 1
    WHERE b.id = p_booking_id;
    INSERT INTO outbox_messages (id, message_type, payload, occurred_at, created_at, trace_parent, attempts, next_attempt_at)
    VALUES (p_event_id, p_event_type, p_event_payload, p_now, p_now, p_trace_parent, 0, p_now);
    RETURN 'moved';
END
$fn$;
