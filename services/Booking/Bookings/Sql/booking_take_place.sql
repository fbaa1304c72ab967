-- Called by booking_confirm.
CREATE OR REPLACE FUNCTION booking_take_place(p_hall text, p_slot text, p_reserved boolean)
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
