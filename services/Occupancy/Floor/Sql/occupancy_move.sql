-- A person inside moves to another zone, if it is open and has room. Returns moved, not_inside,
-- zone_unknown, already_there, zone_closed, zone_full or hall_unknown.
CREATE OR REPLACE FUNCTION occupancy_move(p_hall text, p_person_key text, p_to_zone text, p_now timestamptz, p_trace text)
RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
    a admissions;
    z occupancy_zones;
BEGIN
    PERFORM 1 FROM hall_occupancy WHERE hall_id = p_hall FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 'hall_unknown';
    END IF;
    SELECT * INTO a FROM admissions WHERE hall_id = p_hall AND person_key = p_person_key AND state = 'inside';
    IF NOT FOUND OR a.zone_id IS NULL THEN
        RETURN 'not_inside';
    END IF;
    SELECT * INTO z FROM occupancy_zones WHERE hall_id = p_hall AND zone_id = p_to_zone;
    IF NOT FOUND THEN
        RETURN 'zone_unknown';
    ELSIF a.zone_id = p_to_zone THEN
        RETURN 'already_there';
    ELSIF z.state = 'closed' THEN
        RETURN 'zone_closed';
    ELSIF z.count >= z.capacity THEN
        RETURN 'zone_full';
    END IF;

    PERFORM occupancy_leave(p_hall, a.zone_id, a.id, p_now);
    PERFORM occupancy_enter(p_hall, p_to_zone, a.id, a.person_key, p_now, p_trace);
    UPDATE admissions SET zone_id = p_to_zone WHERE id = a.id;
    PERFORM occupancy_changed(p_hall, 'moved', ARRAY[a.zone_id, p_to_zone], p_now);
    PERFORM occupancy_advance_queue(p_hall, p_now, p_trace);
    RETURN 'moved';
END
$fn$;
