-- Reopens a closed zone at its planned capacity and lets the queue in. p_by: sanitized or override.
-- Returns reopened, not_closed, zone_unknown or hall_unknown.
CREATE OR REPLACE FUNCTION occupancy_reopen_zone(p_hall text, p_zone text, p_by text, p_overridden_by text, p_now timestamptz, p_trace text)
RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
    z occupancy_zones;
BEGIN
    PERFORM 1 FROM hall_occupancy WHERE hall_id = p_hall FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 'hall_unknown';
    END IF;
    SELECT * INTO z FROM occupancy_zones WHERE hall_id = p_hall AND zone_id = p_zone;
    IF NOT FOUND THEN
        RETURN 'zone_unknown';
    ELSIF z.state <> 'closed' THEN
        RETURN 'not_closed';
    END IF;
    UPDATE occupancy_zones SET state = 'open', capacity = planned_capacity, closed_reason = NULL, closed_by_incident = NULL, closed_at = NULL
    WHERE hall_id = p_hall AND zone_id = p_zone;
    IF z.is_public THEN
        UPDATE hall_occupancy SET capacity = capacity + z.planned_capacity WHERE hall_id = p_hall;
    END IF;
    PERFORM occupancy_outbox('ZoneReopened', jsonb_build_object(
        'hallId', p_hall, 'zoneId', p_zone, 'reopenedBy', p_by, 'overriddenBy', p_overridden_by, 'capacity', z.planned_capacity,
        'occurredAt', p_now), p_now, p_trace);
    PERFORM occupancy_changed(p_hall, 'zone_reopened', ARRAY[p_zone], p_now);
    PERFORM occupancy_advance_queue(p_hall, p_now, p_trace);
    RETURN 'reopened';
END
$fn$;
