-- A slot's places, spread over striped counters (slot_place_counters); called by SlotPlanning when a slot
-- is planned or its capacity changes. A row per place left a trail of dead index entries that every booking
-- of a busy day walked past; counters in stripes are updated in place instead.
CREATE OR REPLACE FUNCTION booking_plan_slot(p_hall text, p_slot text, p_capacity integer, p_reserve integer)
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
