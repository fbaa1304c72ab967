-- A zone's count rose by one: raise ZoneAtCapacity when it reached a higher alert level than before,
-- unless the same level (or a higher one) was raised within the cool-down.
CREATE OR REPLACE FUNCTION occupancy_alert(p_hall text, p_zone text, p_now timestamptz, p_trace text)
RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    h hall_occupancy;
    z occupancy_zones;
    v_level int;
    v_before int;
BEGIN
    SELECT * INTO h FROM hall_occupancy WHERE hall_id = p_hall;
    SELECT * INTO z FROM occupancy_zones WHERE hall_id = p_hall AND zone_id = p_zone;
    IF z.capacity <= 0 THEN
        RETURN;
    END IF;
    SELECT max(l) INTO v_level FROM unnest(h.alert_levels) l WHERE z.count::bigint * 100 >= l::bigint * z.capacity;
    SELECT max(l) INTO v_before FROM unnest(h.alert_levels) l WHERE (z.count - 1)::bigint * 100 >= l::bigint * z.capacity;
    IF v_level IS NULL OR v_level <= COALESCE(v_before, 0) THEN
        RETURN;
    END IF;
    IF v_level > z.alerted_level OR z.alerted_at IS NULL OR p_now >= z.alerted_at + make_interval(secs => h.alert_cooldown_seconds) THEN
        UPDATE occupancy_zones SET alerted_level = v_level, alerted_at = p_now WHERE hall_id = p_hall AND zone_id = p_zone;
        PERFORM occupancy_outbox('ZoneAtCapacity', jsonb_build_object(
            'hallId', p_hall, 'zoneId', p_zone, 'levelPercent', v_level, 'count', z.count, 'capacity', z.capacity, 'occurredAt', p_now), p_now, p_trace);
    END IF;
END
$fn$;
