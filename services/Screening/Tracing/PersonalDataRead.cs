namespace CivicHall.Screening.Tracing;

/// <summary>
/// A record that someone read a person's screening identity in clear (DESIGN §6: record who read personal data): who,
/// in which roles, why, for which tracing list, requested and approved by whom — by person key, never the data itself.
/// </summary>
public sealed class PersonalDataRead
{
    public Guid Id { get; init; }

    public required string HallId { get; init; }

    public required string PersonKey { get; init; }

    public required string ReadBy { get; init; }

    public required string Roles { get; init; }

    public required string Reason { get; init; }

    /// <summary>The list the read was for (incident's clear export of a tracing list).</summary>
    public required string ListId { get; init; }

    public required string RequestedBy { get; init; }

    public required string ApprovedBy { get; init; }

    public DateTimeOffset ReadAt { get; init; }
}
