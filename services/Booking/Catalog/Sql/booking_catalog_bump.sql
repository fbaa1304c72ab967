-- Every change of a hall, its booking policy, its items, its closed zones or its suspension bumps the hall's catalog version:
-- booking_confirm refuses a booking decided on a cached catalog older than it (catalog_changed).
CREATE OR REPLACE FUNCTION booking_catalog_bump() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    v_hall text;
BEGIN
    IF TG_OP = 'DELETE' THEN v_hall := OLD.hall_id; ELSE v_hall := NEW.hall_id; END IF;
    INSERT INTO booking_catalog_versions AS v (hall_id, version) VALUES (v_hall, 1)
    ON CONFLICT (hall_id) DO UPDATE SET version = v.version + 1;
    RETURN NULL;
END
$fn$;

-- The catalog tables whose changes bump the version.
CREATE OR REPLACE TRIGGER known_halls_catalog AFTER INSERT OR UPDATE OR DELETE ON known_halls FOR EACH ROW EXECUTE FUNCTION booking_catalog_bump();
CREATE OR REPLACE TRIGGER booking_policies_catalog AFTER INSERT OR UPDATE OR DELETE ON booking_policies FOR EACH ROW EXECUTE FUNCTION booking_catalog_bump();
CREATE OR REPLACE TRIGGER service_items_catalog AFTER INSERT OR UPDATE OR DELETE ON service_items FOR EACH ROW EXECUTE FUNCTION booking_catalog_bump();
-- Containment's closures and suspensions came later: a migration older than their tables applies this file too,
-- so their triggers are made once the tables exist (the migration that adds them applies the file again).
DO $do$
BEGIN
    IF to_regclass('zone_closures') IS NOT NULL THEN
        CREATE OR REPLACE TRIGGER zone_closures_catalog AFTER INSERT OR UPDATE OR DELETE ON zone_closures FOR EACH ROW EXECUTE FUNCTION booking_catalog_bump();
    END IF;
    IF to_regclass('hall_suspensions') IS NOT NULL THEN
        CREATE OR REPLACE TRIGGER hall_suspensions_catalog AFTER INSERT OR UPDATE OR DELETE ON hall_suspensions FOR EACH ROW EXECUTE FUNCTION booking_catalog_bump();
    END IF;
END
$do$;
