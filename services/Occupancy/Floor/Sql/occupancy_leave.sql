-- A person steps out of a zone: count, hall total, and the end of the presence record.
CREATE OR REPLACE FUNCTION occupancy_leave(p_hall text, p_zone text, p_admission uuid, p_now timestamptz)
RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    z occupancy_zones;
BEGIN
    UPDATE occupancy_zones SET count = count - 1 WHERE hall_id = p_hall AND zone_id = p_zone RETURNING * INTO z;
    IF z.is_public THEN
        UPDATE hall_occupancy SET inside = inside - 1 WHERE hall_id = p_hall;
    END IF;
    UPDATE zone_presences SET left_at = p_now WHERE admission_id = p_admission AND left_at IS NULL;
END
$fn$;
