-- A person through screening reaches the door. Staff and couriers are recorded and go in; a visitor
-- is turned away while on-site service is suspended or the day's quota is reached, let in when no one
-- is waiting and an entry zone has room, and queued otherwise. The admission's id is the screening's,
-- so the same screening never counts twice. Returns inside, queued, turned_away:<reason>,
-- duplicate, already_present or hall_unknown.
CREATE OR REPLACE FUNCTION occupancy_admit(
    p_id uuid, p_hall text, p_person_key text, p_kind text, p_priority text, p_lane text, p_now timestamptz, p_trace text)
RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
    h hall_occupancy;
    v_date date;
    v_zone text;
    v_purge timestamptz;
BEGIN
    SELECT * INTO h FROM hall_occupancy WHERE hall_id = p_hall FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 'hall_unknown';
    END IF;
    IF EXISTS (SELECT 1 FROM admissions WHERE id = p_id) THEN
        RETURN 'duplicate';
    END IF;
    IF EXISTS (SELECT 1 FROM admissions WHERE hall_id = p_hall AND person_key = p_person_key AND state IN ('queued', 'inside')) THEN
        RETURN 'already_present';
    END IF;

    v_purge := p_now + make_interval(days => h.retention_days);
    v_date := (p_now AT TIME ZONE h.time_zone)::date;
    IF h.reception_date IS DISTINCT FROM v_date THEN
        UPDATE hall_occupancy SET reception_date = v_date, received_today = 0, last_ticket = 0 WHERE hall_id = p_hall RETURNING * INTO h;
    END IF;

    IF p_kind IN ('staff', 'courier') THEN
        INSERT INTO admissions (id, hall_id, person_key, person_kind, priority_group, state, lane, arrived_at, admitted_at, purge_after)
        VALUES (p_id, p_hall, p_person_key, p_kind, p_priority, 'inside', p_lane, p_now, p_now, v_purge);
        UPDATE hall_occupancy SET staff_present = staff_present + 1 WHERE hall_id = p_hall;
        PERFORM occupancy_changed(p_hall, 'staff_arrived', '{}', p_now);
        RETURN 'inside';
    END IF;

    IF h.on_site_state = 'suspended' OR (h.daily_quota IS NOT NULL AND h.received_today >= h.daily_quota) THEN
        INSERT INTO admissions (id, hall_id, person_key, person_kind, priority_group, state, reason, lane, arrived_at, purge_after)
        VALUES (p_id, p_hall, p_person_key, p_kind, p_priority, 'turned_away',
                CASE WHEN h.on_site_state = 'suspended' THEN 'on_site_suspended' ELSE 'quota_reached' END, p_lane, p_now, v_purge);
        RETURN 'turned_away:' || CASE WHEN h.on_site_state = 'suspended' THEN 'on_site_suspended' ELSE 'quota_reached' END;
    END IF;

    UPDATE hall_occupancy SET received_today = received_today + 1 WHERE hall_id = p_hall;
    IF h.queue_length = 0 THEN
        v_zone := occupancy_entry_zone(p_hall);
    END IF;
    IF v_zone IS NOT NULL THEN
        INSERT INTO admissions (id, hall_id, person_key, person_kind, priority_group, state, zone_id, lane, arrived_at, admitted_at, purge_after)
        VALUES (p_id, p_hall, p_person_key, p_kind, p_priority, 'inside', v_zone, p_lane, p_now, p_now, v_purge);
        PERFORM occupancy_enter(p_hall, v_zone, p_id, p_person_key, p_now, p_trace);
        PERFORM occupancy_changed(p_hall, 'admitted', ARRAY[v_zone], p_now);
        RETURN 'inside';
    END IF;

    UPDATE hall_occupancy SET last_ticket = last_ticket + 1, queue_length = queue_length + 1 WHERE hall_id = p_hall RETURNING * INTO h;
    INSERT INTO admissions (id, hall_id, person_key, person_kind, priority_group, state, ticket, queue_rank, queued_seq, lane, arrived_at, purge_after)
    VALUES (p_id, p_hall, p_person_key, p_kind, p_priority, 'queued', h.last_ticket,
            CASE WHEN p_priority IS NULL THEN 1 ELSE 0 END, nextval('occupancy_queue_seq'), p_lane, p_now, v_purge);
    PERFORM occupancy_changed(p_hall, 'queued', '{}', p_now);
    RETURN 'queued';
END
$fn$;
