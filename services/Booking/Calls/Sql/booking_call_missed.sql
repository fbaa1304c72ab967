-- Called by CallStore.MissAsync.
CREATE OR REPLACE FUNCTION booking_call_missed(
    p_hall text, p_call bigint, p_by text, p_now timestamptz, p_wait_seconds integer, p_requeue_after integer)
RETURNS TABLE (o_outcome text, o_ticket integer, o_booking uuid, o_ahead integer, o_missable_at timestamptz)
LANGUAGE plpgsql AS $fn$
DECLARE
    v_call ticket_calls%ROWTYPE;
    v_misses smallint;
    v_rank smallint;
    v_key numeric;
    v_next_rank smallint;
    v_next_key numeric;
    v_ahead integer;
BEGIN
    SELECT * INTO v_call FROM ticket_calls c WHERE c.id = p_call AND c.hall_id = p_hall;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'call_unknown'::text, NULL::integer, NULL::uuid, NULL::integer, NULL::timestamptz;
        RETURN;
    END IF;

    -- The group's lock (as booking_call_next): the place counted below does not move under a call.
    PERFORM pg_advisory_xact_lock(hashtextextended('booking_call|' || v_call.hall_id || '|' || v_call.date::text || '|' || v_call.window_group, 0));
    SELECT * INTO v_call FROM ticket_calls c WHERE c.id = p_call FOR UPDATE;
    IF v_call.outcome IS NOT NULL THEN
        RETURN QUERY SELECT 'call_finished'::text, v_call.ticket_number, v_call.booking_id, NULL::integer, NULL::timestamptz;
        RETURN;
    END IF;

    IF p_now < v_call.called_at + make_interval(secs => p_wait_seconds) THEN
        RETURN QUERY SELECT 'miss_too_early'::text, v_call.ticket_number, v_call.booking_id, NULL::integer,
            v_call.called_at + make_interval(secs => p_wait_seconds);
        RETURN;
    END IF;

    UPDATE ticket_calls c SET outcome = 'missed', finished_at = p_now, finished_by = p_by WHERE c.id = p_call;

    SELECT q.misses INTO v_misses FROM queue_tickets q
    WHERE q.hall_id = v_call.hall_id AND q.date = v_call.date AND q.ticket_number = v_call.ticket_number
    FOR UPDATE;
    IF v_misses >= 1 THEN
        UPDATE queue_tickets q SET state = 'dropped', misses = q.misses + 1
        WHERE q.hall_id = v_call.hall_id AND q.date = v_call.date AND q.ticket_number = v_call.ticket_number;
        RETURN QUERY SELECT 'dropped'::text, v_call.ticket_number, v_call.booking_id, NULL::integer, NULL::timestamptz;
        RETURN;
    END IF;

    -- Back behind the first p_requeue_after waiting tickets (or behind all of them, when fewer wait).
    SELECT w.rank, w.sort_key, w.next_rank, w.next_key, w.n INTO v_rank, v_key, v_next_rank, v_next_key, v_ahead
    FROM (
        SELECT q.rank, q.sort_key,
               lead(q.rank) OVER o AS next_rank, lead(q.sort_key) OVER o AS next_key, (row_number() OVER o)::integer AS n
        FROM queue_tickets q JOIN bookings b ON b.id = q.booking_id
        WHERE q.hall_id = v_call.hall_id AND q.date = v_call.date AND q.window_group = v_call.window_group AND q.state = 'waiting'
          AND b.status = 'checked_in' AND b.date = q.date AND b.ticket_number = q.ticket_number
        WINDOW o AS (ORDER BY q.rank, q.sort_key)
    ) w
    WHERE w.n <= p_requeue_after
    ORDER BY w.n DESC
    LIMIT 1;
    IF NOT FOUND THEN
        -- Nobody waits (or it goes back first): the front of the queue.
        v_ahead := 0;
        SELECT coalesce(min(q.rank), 0) - 1 INTO v_rank FROM queue_tickets q
        WHERE q.hall_id = v_call.hall_id AND q.date = v_call.date AND q.window_group = v_call.window_group;
        v_key := 0;
    ELSIF v_next_rank = v_rank THEN
        v_key := (v_key + v_next_key) / 2;
    ELSE
        v_key := v_key + 1;
    END IF;

    UPDATE queue_tickets q SET state = 'waiting', misses = q.misses + 1, rank = v_rank, sort_key = v_key
    WHERE q.hall_id = v_call.hall_id AND q.date = v_call.date AND q.ticket_number = v_call.ticket_number;
    RETURN QUERY SELECT 'requeued'::text, v_call.ticket_number, v_call.booking_id, v_ahead, NULL::timestamptz;
END
$fn$;
