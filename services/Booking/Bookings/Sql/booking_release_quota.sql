-- Gives back a booking's unit of its day's quota, for every way a booking lets go of one (cancelled, re-planned away,
-- rescheduled to another day): the unit is freed, or dropped instead while the day's stripes hold more than the
-- day's quota now allows (the quota was lowered below what was booked). Called by BookingPlaces and
-- booking_reschedule.
CREATE OR REPLACE FUNCTION booking_release_quota(p_hall text, p_date date, p_stripe smallint)
RETURNS void
LANGUAGE sql AS $fn$
    UPDATE day_quota_counters c
    SET taken = c.taken - 1,
        capacity = c.capacity - CASE WHEN (SELECT sum(x.capacity) FROM day_quota_counters x
                                           WHERE x.hall_id = c.hall_id AND x.date = c.date) > p.daily_quota
                                     THEN 1 ELSE 0 END
    FROM planned_days p
    WHERE p.hall_id = c.hall_id AND p.date = c.date
      AND c.hall_id = p_hall AND c.date = p_date AND c.stripe = p_stripe AND c.taken > 0;
$fn$;
