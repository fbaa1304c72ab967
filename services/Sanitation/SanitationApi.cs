namespace CivicHall.Sanitation;

/// <summary>What the sanitation service's OpenAPI document (<c>/openapi/sanitation.json</c> at the gateway) says of the service.</summary>
public static class SanitationApi
{
    public static ApiContract Contract { get; } = new(
        "sanitation",
        "CivicHall sanitation (消杀)",
        """
        Disinfection plans and the due tasks they make each hall-day, the meetings whose rooms are disinfected around them, the records that prove the tasks, terminal disinfection (终末消毒) that reopens a closed zone once confirmed (DESIGN §4), the epidemic-prevention supplies ledger (防疫物资台账) with the daily masks for on-duty staff, medical-waste bags (涉疫垃圾) from bagging to a licensed collector, and each hall-day's compliance, closed with SanitationDayClosed for the daily report.
        """,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Sanitation plan"] = "Versions of a hall's disinfection rules: what is done where, with which agent and strength, and when.",
            ["Sanitation meetings"] = "Meetings in the hall's meeting rooms, disinfected before and after each.",
            ["Sanitation tasks"] = "The board: each hall-day's due tasks, their windows and states (the isolation area's windows skipped when it stood empty, tasks brought forward after a zone's visitors, by occupancy's counts); terminal disinfections ordered and confirmed.",
            ["Sanitation records"] = "What was disinfected, when, with which agent and strength, by whom, with which evidence.",
            ["Sanitation compliance"] = "A hall-day's tasks done on time, late and missed per zone kind, airing minutes, supplies low and waste bags open; JSON or CSV.",
            ["Sanitation supplies"] = "Masks, gloves, disinfectant and the rest: stock received and issued, the ledger (JSON or CSV), days of cover, SuppliesLow, and who has had the day's mask.",
            ["Sanitation waste"] = "Medical-waste bags (涉疫垃圾): bagged, sealed, disinfected and handed over to a licensed collector, each step timed and by whom.",
        });
}
