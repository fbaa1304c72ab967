namespace CivicHall.Sanitation;

/// <summary>What the sanitation service's OpenAPI document (<c>/openapi/sanitation.json</c> at the gateway) says of the service.</summary>
public static class SanitationApi
{
    public static ApiContract Contract { get; } = new(
        "sanitation",
        "CivicHall sanitation (消杀)",
        """
        Disinfection plans and the due tasks they make each hall-day, the meetings whose rooms are disinfected around them, the records that prove the tasks, and terminal disinfection (终末消毒) that reopens a closed zone once confirmed (DESIGN §4). The supplies ledger and medical waste are still to come.
        """,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Sanitation plan"] = "Versions of a hall's disinfection rules: what is done where, with which agent and strength, and when.",
            ["Sanitation meetings"] = "Meetings in the hall's meeting rooms, disinfected before and after each.",
            ["Sanitation tasks"] = "The board: each hall-day's due tasks, their windows and states (the isolation area's windows skipped when it stood empty, tasks brought forward after a zone's visitors, by occupancy's counts); terminal disinfections ordered and confirmed.",
            ["Sanitation records"] = "What was disinfected, when, with which agent and strength, by whom, with which evidence.",
        });
}
