namespace CivicHall.Incident;

/// <summary>What the incident service's OpenAPI document (<c>/openapi/incident.json</c> at the gateway) says of the service.</summary>
public static class IncidentApi
{
    public static ApiContract Contract { get; } = new(
        "incident",
        "CivicHall incident response (应急处置)",
        """
        Incidents, their steps, contact tracing and containment (DESIGN §4). No operation is published yet: the service keeps its hall directory and will publish its API under `/api/v1/incidents/…` and `/api/v1/halls/{hallId}/containment`.
        """,
        new Dictionary<string, string>(StringComparer.Ordinal));
}
