-- A day's quota, spread over striped counters (day_quota_counters); called by SlotPlanning.
CREATE OR REPLACE FUNCTION booking_plan_quota(p_hall text, p_date date, p_quota integer)
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
