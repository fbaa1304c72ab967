namespace CivicHall.Sanitation;

/// <summary>What the sanitation service's OpenAPI document (<c>/openapi/sanitation.json</c> at the gateway) says of the service.</summary>
public static class SanitationApi
{
    public static ApiContract Contract { get; } = new(
        "sanitation",
        "CivicHall sanitation (消杀)",
        """
        Disinfection plans, due tasks, records, the supplies ledger and medical waste (DESIGN §4). No operation is published yet: the service keeps its hall directory and will publish its API under `/api/v1/halls/{hallId}/sanitation/…`.
        """,
        new Dictionary<string, string>(StringComparer.Ordinal));
}
