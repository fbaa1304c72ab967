-- How many counter stripes a number of places is spread over (booking_plan_slot, booking_plan_quota).
CREATE OR REPLACE FUNCTION booking_stripes(p_places integer) RETURNS integer
LANGUAGE sql IMMUTABLE AS $fn$
    -- About four places a stripe, at most 64 stripes: more stripes than bookings in flight at once.
    SELECT least(64, greatest(1, (p_places + 3) / 4))
$fn$;
