-- Called by CallStore.CallNextAsync, with the window and the day read from the booking catalog at p_catalog_version.
CREATE OR REPLACE FUNCTION booking_call_next(
    p_hall text, p_date date, p_group text, p_window text, p_window_name text, p_by text, p_now timestamptz, p_catalog_version bigint)
RETURNS TABLE (o_outcome text, o_call_id bigint, o_ticket integer, o_booking uuid, o_recall boolean)
LANGUAGE plpgsql AS $fn$
DECLARE
    v_ticket integer;
    v_booking uuid;
    v_misses smallint;
    v_call bigint;
    v_found boolean;
BEGIN
    -- Decided on a cached catalog: refused if the hall or its policy changed since (the window may be gone or moved).
    IF p_catalog_version IS DISTINCT FROM (SELECT v.version FROM booking_catalog_versions v WHERE v.hall_id = p_hall) THEN
        RETURN QUERY SELECT 'catalog_changed'::text, NULL::bigint, NULL::integer, NULL::uuid, NULL::boolean;
        RETURN;
    END IF;

    -- One caller at a time per hall, day and window group: tickets are then taken strictly in queue order and the
    -- calls' ids follow that order (the screen and the list read them so). A call is a few index reads, so the lock
    -- is held for well under a millisecond; other groups and halls do not wait.
    PERFORM pg_advisory_xact_lock(hashtextextended('booking_call|' || p_hall || '|' || p_date::text || '|' || p_group, 0));

    -- A window finishes its ticket (served or missed) before it calls the next one.
    SELECT c.id, c.ticket_number INTO v_call, v_ticket FROM ticket_calls c
    WHERE c.hall_id = p_hall AND c.date = p_date AND c.window_id = p_window AND c.outcome IS NULL;
    IF FOUND THEN
        RETURN QUERY SELECT 'window_busy'::text, v_call, v_ticket, NULL::uuid, NULL::boolean;
        RETURN;
    END IF;

    -- The waiting tickets in queue order, by the partial index (hall_id, date, window_group, rank, sort_key): the first
    -- whose booking is still checked in for it is called. A loop rather than one join: with a long queue the planner
    -- joined all of it to bookings and sorted it (90 ms at 30,000 tickets); this reads a row or two. SKIP LOCKED: a
    -- ticket whose serve or cancellation is being written right now is not waited for.
    v_found := false;
    FOR v_ticket, v_booking, v_misses IN
        SELECT q.ticket_number, q.booking_id, q.misses FROM queue_tickets q
        WHERE q.hall_id = p_hall AND q.date = p_date AND q.window_group = p_group AND q.state = 'waiting'
        ORDER BY q.rank, q.sort_key
    LOOP
        PERFORM 1 FROM queue_tickets q
        WHERE q.hall_id = p_hall AND q.date = p_date AND q.ticket_number = v_ticket AND q.state = 'waiting'
        FOR UPDATE SKIP LOCKED;
        CONTINUE WHEN NOT FOUND;
        IF EXISTS (SELECT 1 FROM bookings b
                   WHERE b.id = v_booking AND b.status = 'checked_in' AND b.date = p_date AND b.ticket_number = v_ticket) THEN
            v_found := true;
            EXIT;
        END IF;
    END LOOP;
    IF NOT v_found THEN
        RETURN QUERY SELECT 'queue_empty'::text, NULL::bigint, NULL::integer, NULL::uuid, NULL::boolean;
        RETURN;
    END IF;

    UPDATE queue_tickets q SET state = 'called'
    WHERE q.hall_id = p_hall AND q.date = p_date AND q.ticket_number = v_ticket AND q.state = 'waiting';

    INSERT INTO ticket_calls (hall_id, date, ticket_number, booking_id, window_group, window_id, window_name, called_by, called_at, recall)
    VALUES (p_hall, p_date, v_ticket, v_booking, p_group, p_window, p_window_name, p_by, p_now, v_misses > 0)
    RETURNING id INTO v_call;

    RETURN QUERY SELECT 'called'::text, v_call, v_ticket, v_booking, v_misses > 0;
END
$fn$;
