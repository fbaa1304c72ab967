-- Called by booking_confirm.
CREATE OR REPLACE FUNCTION booking_take_quota(p_hall text, p_date date)
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
