using System.ComponentModel.DataAnnotations;

namespace CivicHall.Booking.Agents;

/// <summary>Body of <c>PUT /api/v1/agents/{agentId}</c>: the registration (备案) of an agent; <c>maxBatchSize</c> defaults to 20, <c>active</c> to true.</summary>
public sealed record PutAgentRequest(
    [Required, StringLength(100, MinimumLength = 1)] string? Name,
    [Required, StringLength(200, MinimumLength = 1)] string? Organisation,
    [Required, StringLength(64, MinimumLength = 1)] string? RegistrationNo,
    [Range(1, 200)] int? MaxBatchSize,
    bool? Active);

public sealed record AgentResponse(string AgentId, string Name, string Organisation, string RegistrationNo, int MaxBatchSize, bool Active, DateTimeOffset UpdatedAt)
{
    public static AgentResponse From(Agent a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.AgentId, a.Name, a.Organisation, a.RegistrationNo, a.MaxBatchSize, a.Active, a.UpdatedAt);
    }
}
