-- Someone in the door queue gives up and goes: out of the queue (and the day's reception
-- count, so the quota is not spent on them). Without it they would be let in in their turn
-- and counted inside though they are gone.
CREATE OR REPLACE FUNCTION occupancy_leave_queue(p_hall text, p_admission uuid, p_now timestamptz)
RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
    a admissions;
BEGIN
    PERFORM 1 FROM hall_occupancy WHERE hall_id = p_hall FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 'hall_unknown';
    END IF;
    SELECT * INTO a FROM admissions WHERE id = p_admission AND hall_id = p_hall;
    IF NOT FOUND OR a.state <> 'queued' THEN
        RETURN 'not_queued';
    END IF;
    UPDATE admissions SET state = 'turned_away', reason = 'left_queue', exited_at = NULL WHERE id = p_admission;
    UPDATE hall_occupancy
    SET queue_length = queue_length - 1,
        received_today = CASE WHEN reception_date = (a.arrived_at AT TIME ZONE time_zone)::date THEN received_today - 1 ELSE received_today END
    WHERE hall_id = p_hall;
    PERFORM occupancy_changed(p_hall, 'left_queue', '{}', p_now);
    RETURN 'left';
END
$fn$;
