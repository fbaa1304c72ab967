namespace CivicHall.Booking.Agents;

/// <summary>
/// A registered agent (帮办代办, 备案制): a person or firm allowed to book for an enterprise's staff in
/// batches. <see cref="AgentId"/> is the subject of the agent's token.
/// </summary>
public sealed class Agent
{
    public required string AgentId { get; init; }

    public string Name { get; set; } = string.Empty;

    public string Organisation { get; set; } = string.Empty;

    /// <summary>The registration (备案) number issued by the hall.</summary>
    public string RegistrationNo { get; set; } = string.Empty;

    public int MaxBatchSize { get; set; } = 20;

    public bool Active { get; set; } = true;

    public string RegisteredBy { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }
}
