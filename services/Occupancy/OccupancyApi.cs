namespace CivicHall.Occupancy;

/// <summary>What the occupancy service's OpenAPI document (<c>/openapi/occupancy.json</c> at the gateway) says of the service.</summary>
public static class OccupancyApi
{
    public static ApiContract Contract { get; } = new(
        "occupancy",
        "CivicHall occupancy (人流管控)",
        """
        The floor of each hall (DESIGN §2, §4): halls and their zones, the occupancy policy, the live view and its server-sent-event feed, the door queue, exits and movements between zones, and zone closures and reopening, and the admissions ledger.
        """,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Halls"] = "The registry of halls: opening hours, overrides and zones.",
            ["Occupancy policy"] = "Versions of a hall's density, zone caps, daily quota, alert levels and retention.",
            ["Occupancy"] = "Who is inside: the live view and feed, the door queue, exits and movements.",
            ["Public live view"] = "How busy a hall is, for anyone without a token (实时人流): totals and queue, and their live feed.",
            ["Zones"] = "Closing a zone, reopening it, and who is still inside it.",
            ["Ledgers"] = "The hall's admissions register (进出登记台账): every visit of a day, in pages or as CSV.",
        });
}
