-- An exit answers with the hall's totals from the same transaction, so the endpoint needs no
-- second round trip to read them (and they are the exit's own, not a later movement's).
-- CREATE OR REPLACE cannot change result columns: a migration that changes them drops the function first.
CREATE OR REPLACE FUNCTION occupancy_exit(
    p_hall text, p_person_key text, p_exit_id uuid, p_gate text, p_now timestamptz, p_trace text)
RETURNS TABLE (outcome text, exited_admission uuid, from_zone text, let_in int, inside int, queue_length int)
LANGUAGE plpgsql AS $fn$
DECLARE
    h hall_occupancy;
    a admissions;
    v_let_in int;
BEGIN
    SELECT * INTO h FROM hall_occupancy x WHERE x.hall_id = p_hall FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'hall_unknown'::text, NULL::uuid, NULL::text, 0, NULL::int, NULL::int;
        RETURN;
    END IF;
    IF p_exit_id IS NOT NULL THEN
        SELECT * INTO a FROM admissions x WHERE x.exit_id = p_exit_id;
        IF FOUND THEN
            RETURN QUERY SELECT CASE WHEN a.hall_id = p_hall AND a.person_key = p_person_key THEN 'replayed' ELSE 'exit_id_reused' END,
                                a.id, a.zone_id::text, 0, h.inside, h.queue_length;
            RETURN;
        END IF;
    END IF;
    SELECT * INTO a FROM admissions x WHERE x.hall_id = p_hall AND x.person_key = p_person_key AND x.state = 'inside';
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'not_inside'::text, NULL::uuid, NULL::text, 0, h.inside, h.queue_length;
        RETURN;
    END IF;

    UPDATE admissions x SET state = 'exited', exited_at = p_now, exit_id = p_exit_id, exit_gate = p_gate WHERE x.id = a.id;
    IF a.zone_id IS NOT NULL THEN
        PERFORM occupancy_leave(p_hall, a.zone_id, a.id, p_now);
    ELSE
        UPDATE hall_occupancy x SET staff_present = x.staff_present - 1 WHERE x.hall_id = p_hall;
    END IF;
    PERFORM occupancy_changed(p_hall, 'exited', CASE WHEN a.zone_id IS NULL THEN '{}'::text[] ELSE ARRAY[a.zone_id] END, p_now);
    v_let_in := occupancy_advance_queue(p_hall, p_now, p_trace);
    RETURN QUERY SELECT 'exited'::text, a.id, a.zone_id::text, v_let_in, x.inside, x.queue_length
                 FROM hall_occupancy x WHERE x.hall_id = p_hall;
END
$fn$;
