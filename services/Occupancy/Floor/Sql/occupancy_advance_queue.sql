-- A movement of the floor: like every one of them it locks the hall's hall_occupancy row first, so the
-- movements of a hall apply one after the other and the counts can never pass a capacity.
CREATE OR REPLACE FUNCTION occupancy_advance_queue(p_hall text, p_now timestamptz, p_trace text)
RETURNS int LANGUAGE plpgsql AS $fn$
DECLARE
    h hall_occupancy;
    a admissions;
    v_zone text;
    v_let_in int := 0;
BEGIN
    LOOP
        SELECT * INTO h FROM hall_occupancy WHERE hall_id = p_hall;
        EXIT WHEN h.queue_length = 0 OR h.on_site_state = 'suspended';
        v_zone := occupancy_entry_zone(p_hall);
        EXIT WHEN v_zone IS NULL;
        SELECT * INTO a FROM admissions WHERE hall_id = p_hall AND state = 'queued' ORDER BY queue_rank, queued_seq LIMIT 1;
        EXIT WHEN NOT FOUND;
        -- Never before they arrived: p_now is taken before the hall's lock is.
        UPDATE admissions SET state = 'inside', zone_id = v_zone, admitted_at = GREATEST(p_now, a.arrived_at) WHERE id = a.id;
        UPDATE hall_occupancy SET queue_length = queue_length - 1 WHERE hall_id = p_hall;
        PERFORM occupancy_enter(p_hall, v_zone, a.id, a.person_key, p_now, p_trace);
        PERFORM occupancy_outbox('QueueAdvanced', jsonb_build_object(
            'hallId', p_hall, 'admissionId', a.id, 'personKey', a.person_key, 'ticket', a.ticket, 'zoneId', v_zone,
            'queueLength', h.queue_length - 1, 'occurredAt', p_now), p_now, p_trace);
        PERFORM occupancy_changed(p_hall, 'queue_advanced', ARRAY[v_zone], p_now);
        v_let_in := v_let_in + 1;
    END LOOP;
    RETURN v_let_in;
END
$fn$;
