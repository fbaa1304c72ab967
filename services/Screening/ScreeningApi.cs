namespace CivicHall.Screening;

/// <summary>What the screening service's OpenAPI document (<c>/openapi/screening.json</c> at the gateway) says of the service.</summary>
public static class ScreeningApi
{
    public static ApiContract Contract { get; } = new(
        "screening",
        "CivicHall screening (入口核验)",
        """
        Entrance checks (DESIGN §4): each hall's screening policy per person kind, readings from devices and screeners answered with a decision (admit, deny, retest, manual_check, isolate) and the rules that made it, the staff health files (一人一档) and the hall's screening register (登记台账).
        """,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Screening policy"] = "Versions of a hall's screening rules per person kind, temperature thresholds, mask and booking rules.",
            ["Screenings"] = "A reading in, a decision out (idempotent per `readingId`); a recorded screening, masked.",
            ["Ledgers"] = "The hall's registers (登记台账): a day's screening records, masked, filtered and paged, or as one CSV file.",
            ["Staff health files"] = "The health file of a staff member (一人一档): identity, vaccination, tests and daily symptom declarations.",
        });
}
