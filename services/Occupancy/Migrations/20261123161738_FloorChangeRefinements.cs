using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Occupancy.Migrations
{
    /// <inheritdoc />
    public partial class FloorChangeRefinements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Change frames show the day's reception as the snapshot does (0 on a new day); a change
            // too large for pg_notify goes without its zones instead of failing; a person let in from
            // the queue is never admitted before they arrived.
            migrationBuilder.Sql("""
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

                CREATE OR REPLACE FUNCTION occupancy_advance_queue(p_hall text, p_now timestamptz, p_trace text)
                RETURNS int LANGUAGE plpgsql AS $fn$
                DECLARE
                    h hall_occupancy;
                    a admissions;
                    v_zone text;
                    v_let_in int := 0;
                BEGIN
                    LOOP
                        SELECT * INTO h FROM hall_occupancy WHERE hall_id = p_hall;
                        EXIT WHEN h.queue_length = 0 OR h.on_site_state = 'suspended';
                        v_zone := occupancy_entry_zone(p_hall);
                        EXIT WHEN v_zone IS NULL;
                        SELECT * INTO a FROM admissions WHERE hall_id = p_hall AND state = 'queued' ORDER BY queue_rank, queued_seq LIMIT 1;
                        EXIT WHEN NOT FOUND;
                        -- Never before they arrived: p_now is taken before the hall's lock is.
                        UPDATE admissions SET state = 'inside', zone_id = v_zone, admitted_at = GREATEST(p_now, a.arrived_at) WHERE id = a.id;
                        UPDATE hall_occupancy SET queue_length = queue_length - 1 WHERE hall_id = p_hall;
                        PERFORM occupancy_enter(p_hall, v_zone, a.id, a.person_key, p_now, p_trace);
                        PERFORM occupancy_outbox('QueueAdvanced', jsonb_build_object(
                            'hallId', p_hall, 'admissionId', a.id, 'personKey', a.person_key, 'ticket', a.ticket, 'zoneId', v_zone,
                            'queueLength', h.queue_length - 1, 'occurredAt', p_now), p_now, p_trace);
                        PERFORM occupancy_changed(p_hall, 'queue_advanced', ARRAY[v_zone], p_now);
                        v_let_in := v_let_in + 1;
                    END LOOP;
                    RETURN v_let_in;
                END
                $fn$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            throw new NotSupportedException("FloorChangeRefinements replaces functions in place; restore them from the FloorAndPolicies migration if ever needed.");
        }
    }
}
