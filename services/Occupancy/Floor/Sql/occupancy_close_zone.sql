-- Closes a zone (capacity 0); its people stay counted until moved out. Returns closed,
-- already_closed, zone_unknown or hall_unknown. ZoneClosed carries the containment action of the
-- order (p_containment, incident's acknowledgement); an order of a containment action for a zone
-- already closed (by hand, say) is acknowledged too, with the people inside it now.
CREATE OR REPLACE FUNCTION occupancy_close_zone(p_hall text, p_zone text, p_reason text, p_incident text, p_now timestamptz, p_trace text, p_containment uuid DEFAULT NULL)
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
    ELSIF z.state = 'closed' THEN
        IF p_containment IS NOT NULL THEN
            PERFORM occupancy_outbox('ZoneClosed', jsonb_build_object(
                'hallId', p_hall, 'zoneId', p_zone, 'reason', p_reason, 'incidentId', p_incident, 'peopleInside', z.count, 'occurredAt', p_now,
                'containmentId', p_containment), p_now, p_trace);
        END IF;
        RETURN 'already_closed';
    END IF;
    UPDATE occupancy_zones SET state = 'closed', capacity = 0, closed_reason = p_reason, closed_by_incident = p_incident, closed_at = p_now
    WHERE hall_id = p_hall AND zone_id = p_zone;
    IF z.is_public THEN
        UPDATE hall_occupancy SET capacity = capacity - z.capacity WHERE hall_id = p_hall;
    END IF;
    PERFORM occupancy_outbox('ZoneClosed', jsonb_build_object(
        'hallId', p_hall, 'zoneId', p_zone, 'reason', p_reason, 'incidentId', p_incident, 'peopleInside', z.count, 'occurredAt', p_now,
        'containmentId', p_containment), p_now, p_trace);
    PERFORM occupancy_changed(p_hall, 'zone_closed', ARRAY[p_zone], p_now);
    RETURN 'closed';
END
$fn$;
