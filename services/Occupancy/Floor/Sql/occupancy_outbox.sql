-- The floor's movements, one function each; every one locks the hall's hall_occupancy row first,
-- so the movements of a hall apply one after the other and the counts can never pass a capacity.
CREATE OR REPLACE FUNCTION occupancy_outbox(p_type text, p_payload jsonb, p_now timestamptz, p_trace text)
RETURNS void LANGUAGE sql AS $fn$
    INSERT INTO outbox_messages (id, message_type, payload, occurred_at, created_at, trace_parent, attempts, next_attempt_at)
    VALUES (gen_random_uuid(), 'CivicHall.Contracts.Occupancy.V1.' || p_type, p_payload, p_now, p_now, p_trace, 0, p_now);
$fn$;
