namespace CivicHall.Incident;

/// <summary>What the incident service's OpenAPI document (<c>/openapi/incident.json</c> at the gateway) says of the service.</summary>
public static class IncidentApi
{
    public static ApiContract Contract { get; } = new(
        "incident",
        "CivicHall incident response (应急处置)",
        """
        Cases (应急事件) of a hall, opened by themselves from screening's abnormal readings (once per reading), by a screener or duty leader, or from an authority's notice of a suspected or confirmed case (`/api/v1/incidents/notices`, the person only by screening's key), and their steps `opened → isolated → reported → transferred → closed` (a case notice: `opened → reported → closed`), each by whom and when with its details (DESIGN §4); the isolation zone's places respected; the unit or street informed and the hospital or 120 notified as actions of their own; a refusal's police call (110). Deadlines per the hall's versioned incident policy (`/api/v1/halls/{hallId}/incident-policy`) escalate a case that misses one to the duty leader, the street office and the CDC, one level per interval. Containment (`/api/v1/halls/{hallId}/containment`, seed 003): a zone closed at once, on-site service suspended or resumed on a second person's approval, each with its participants' acknowledgements. The daily report (日报告, `/api/v1/reports/daily`): per hall and local day, built from the day summaries screening, occupancy, booking and sanitation publish and incident's own cases, with a zero report and a city-wide view.
        """,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Incidents"] = "Cases: opened by hand or from an abnormal reading, their steps in order (isolated in the hall's isolation zone, reported to the leadership group and the person's unit or street, transferred to hospital, home observation or released, closed with an outcome), read one with its timeline (steps, actions, escalations, police calls) or list a hall's; authorities' notices; informing the unit, notifying the hospital, calling the police for a refusal.",
            ["Incident policy"] = "Per hall, versioned: the minutes by which a case is to be isolated, reported and its hospital notified, the interval between escalation levels, and the days a closed case keeps records held.",
            ["Daily report"] = "Per hall and local day (or every hall with the city's totals): screenings by outcome and rule, admissions, turned away, peaks inside and in the queue, bookings by channel, cases opened, escalated and closed, disinfection compliance, supplies low and medical-waste bags open; pending until the sources are in, corrected when a late summary arrives; JSON or CSV.",
            ["Containment"] = "A hall's containment actions (seed 003): close one zone (occupancy closes it, sanitation schedules terminal disinfection, booking moves or cancels its bookings), suspend or resume on-site service (requested by a duty leader, approved by a second person with the ops role and the county government's consent); each shows per participant whether and when it acknowledged, with its counts, and flags one that is overdue.",
        });
}
