-- The first open entry zone with room, in entry order; null when all are full.
CREATE OR REPLACE FUNCTION occupancy_entry_zone(p_hall text)
RETURNS text LANGUAGE sql STABLE AS $fn$
    SELECT zone_id FROM occupancy_zones
    WHERE hall_id = p_hall AND entry_rank IS NOT NULL AND state = 'open' AND count < capacity
    ORDER BY entry_rank LIMIT 1;
$fn$;
