-- A person steps into a zone: count, running entries (for sanitation), hall total, a presence record, and the alert check.
CREATE OR REPLACE FUNCTION occupancy_enter(p_hall text, p_zone text, p_admission uuid, p_person_key text, p_now timestamptz, p_trace text)
RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    z occupancy_zones;
    v_retention int;
BEGIN
    UPDATE occupancy_zones SET count = count + 1, entered = entered + 1 WHERE hall_id = p_hall AND zone_id = p_zone RETURNING * INTO z;
    IF z.is_public THEN
        UPDATE hall_occupancy SET inside = inside + 1 WHERE hall_id = p_hall;
    END IF;
    SELECT retention_days INTO v_retention FROM hall_occupancy WHERE hall_id = p_hall;
    INSERT INTO zone_presences (admission_id, hall_id, zone_id, person_key, entered_at, purge_after)
    VALUES (p_admission, p_hall, p_zone, p_person_key, p_now, p_now + make_interval(days => v_retention));
    PERFORM occupancy_alert(p_hall, p_zone, p_now, p_trace);
END
$fn$;
