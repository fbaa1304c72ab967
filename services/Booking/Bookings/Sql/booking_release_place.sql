-- Gives back a booking's place in its slot, for every way a booking lets go of one (cancelled, no-show, re-planned
-- away, rescheduled): the place is freed, or dropped instead while the slot's stripes hold more than the slot's
-- capacity now allows (a cancellation that committed while a re-plan was moving the slot's surplus away), so giving
-- a place back never reopens one the plan took away. Called by BookingPlaces and booking_reschedule.
CREATE OR REPLACE FUNCTION booking_release_place(p_hall text, p_slot text, p_reserved boolean, p_stripe smallint)
RETURNS void
LANGUAGE sql AS $fn$
    UPDATE slot_place_counters c
    SET taken = c.taken - 1,
        capacity = c.capacity - CASE WHEN (SELECT sum(x.capacity) FROM slot_place_counters x
                                           WHERE x.hall_id = c.hall_id AND x.slot_id = c.slot_id) > sl.capacity
                                     THEN 1 ELSE 0 END
    FROM slots sl
    WHERE sl.hall_id = c.hall_id AND sl.slot_id = c.slot_id
      AND c.hall_id = p_hall AND c.slot_id = p_slot
      AND c.reserved = coalesce(p_reserved, false) AND c.stripe = p_stripe AND c.taken > 0;
$fn$;
