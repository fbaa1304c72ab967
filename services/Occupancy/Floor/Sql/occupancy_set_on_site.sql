-- On-site service suspended (the door queue is sent away and no one is let in) or resumed.
-- Returns how many queued people were turned away, or -1 for an unknown hall.
CREATE OR REPLACE FUNCTION occupancy_set_on_site(p_hall text, p_state text, p_now timestamptz, p_trace text)
RETURNS int LANGUAGE plpgsql AS $fn$
DECLARE
    h hall_occupancy;
    v_sent_away int := 0;
BEGIN
    SELECT * INTO h FROM hall_occupancy WHERE hall_id = p_hall FOR UPDATE;
    IF NOT FOUND THEN
        RETURN -1;
    END IF;
    IF h.on_site_state = p_state THEN
        RETURN 0;
    END IF;
    UPDATE hall_occupancy SET on_site_state = p_state WHERE hall_id = p_hall;
    IF p_state = 'suspended' THEN
        UPDATE admissions SET state = 'turned_away', reason = 'on_site_suspended' WHERE hall_id = p_hall AND state = 'queued';
        GET DIAGNOSTICS v_sent_away = ROW_COUNT;
        UPDATE hall_occupancy SET queue_length = 0 WHERE hall_id = p_hall;
    END IF;
    PERFORM occupancy_changed(p_hall, CASE WHEN p_state = 'suspended' THEN 'on_site_suspended' ELSE 'on_site_resumed' END, '{}', p_now);
    PERFORM occupancy_advance_queue(p_hall, p_now, p_trace);
    RETURN v_sent_away;
END
$fn$;
