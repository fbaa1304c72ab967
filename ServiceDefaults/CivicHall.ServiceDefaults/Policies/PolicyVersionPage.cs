namespace CivicHall.ServiceDefaults.Policies;

/// <summary>A page of a hall policy's versions, newest first; <c>nextCursor</c> is null on the last page.</summary>
public sealed record PolicyVersionPage<TVersion>(string HallId, IReadOnlyList<TVersion> Versions, string? NextCursor);
