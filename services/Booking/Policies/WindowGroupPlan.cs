namespace CivicHall.Booking.Policies;

/// <summary>
/// Windows open for one window group under a policy. <see cref="MinutesPerCase"/> overrides the
/// group's planning time per case; without it the longest active item of the group is used, so the
/// plan never promises more cases than the windows can serve.
/// </summary>
public sealed record WindowGroupPlan(string Group, int Windows, int? MinutesPerCase);
