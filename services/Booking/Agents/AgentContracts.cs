namespace CivicHall.Booking.Agents;

public sealed record PutAgentRequest(string? Name, string? Organisation, string? RegistrationNo, int? MaxBatchSize, bool? Active);

public sealed record AgentResponse(string AgentId, string Name, string Organisation, string RegistrationNo, int MaxBatchSize, bool Active, DateTimeOffset UpdatedAt)
{
    public static AgentResponse From(Agent a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.AgentId, a.Name, a.Organisation, a.RegistrationNo, a.MaxBatchSize, a.Active, a.UpdatedAt);
    }
}
