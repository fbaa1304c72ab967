-- A movement of the floor: like every one of them it locks the hall's hall_occupancy row first, so the
-- movements of a hall apply one after the other and the counts can never pass a capacity.
CREATE OR REPLACE FUNCTION occupancy_changed(p_hall text, p_change text, p_zones text[], p_now timestamptz)
RETURNS bigint LANGUAGE plpgsql AS $fn$
DECLARE
    h hall_occupancy;
    v_zones json;
BEGIN
    UPDATE hall_occupancy SET sequence = sequence + 1, updated_at = p_now WHERE hall_id = p_hall RETURNING * INTO h;
    SELECT json_agg(json_build_object('zoneId', z.zone_id, 'kind', z.kind, 'count', z.count, 'capacity', z.capacity, 'state', z.state) ORDER BY z.zone_id)
    INTO v_zones
    FROM occupancy_zones z WHERE z.hall_id = p_hall AND z.zone_id = ANY (p_zones);
    -- pg_notify refuses a payload of 8,000 bytes, which would fail the movement itself: a change that
    -- touches very many zones (the replan of a large hall) goes without them, flagged, and a listener
    -- reads the floor again.
    IF length(v_zones::text) > 6000 THEN
        v_zones := NULL;
    END IF;
    PERFORM pg_notify('civichall_occupancy', json_build_object(
        'hallId', p_hall, 'sequence', h.sequence, 'change', p_change, 'at', p_now,
        'inside', h.inside, 'capacity', h.capacity, 'queueLength', h.queue_length,
        'staffPresent', h.staff_present,
        -- as the snapshot shows it: the count of another day is 0 today
        'receivedToday', CASE WHEN h.reception_date = (p_now AT TIME ZONE h.time_zone)::date THEN h.received_today ELSE 0 END,
        'dailyQuota', h.daily_quota,
        'onSiteState', h.on_site_state,
        'zones', COALESCE(v_zones, '[]'::json),
        'zonesOmitted', v_zones IS NULL AND cardinality(p_zones) > 0)::text);
    RETURN h.sequence;
END
$fn$;
