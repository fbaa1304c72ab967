namespace CivicHall.Incident;

/// <summary>What the incident service's OpenAPI document (<c>/openapi/incident.json</c> at the gateway) says of the service.</summary>
public static class IncidentApi
{
    public static ApiContract Contract { get; } = new(
        "incident",
        "CivicHall incident response (应急处置)",
        """
        Cases (应急事件) of a hall, opened by themselves from screening's abnormal readings (once per reading) or by a screener or duty leader, and their steps `opened → isolated → reported → transferred → closed`, each by whom and when with its details (DESIGN §4). Containment (`/api/v1/halls/{hallId}/containment`, seed 003): a zone closed at once, on-site service suspended or resumed on a second person's approval, each with its participants' acknowledgements. Deadlines and escalation, authorities' case notices, refusals' police assistance and records holds are not published yet.
        """,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Incidents"] = "Cases: opened by hand or from an abnormal reading, their steps in order (isolated in the hall's isolation zone, reported to the leadership group and the person's unit or street, transferred to hospital, home observation or released, closed with an outcome), read one with its timeline or list a hall's.",
            ["Containment"] = "A hall's containment actions (seed 003): close one zone (occupancy closes it, sanitation schedules terminal disinfection, booking moves or cancels its bookings), suspend or resume on-site service (requested by a duty leader, approved by a second person with the ops role and the county government's consent); each shows per participant whether and when it acknowledged, with its counts, and flags one that is overdue.",
        });
}
