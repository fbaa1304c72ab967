namespace CivicHall.Booking.Policies;

/// <summary>
/// Windows open for one window group under a policy. <see cref="MinutesPerCase"/> overrides the
/// group's planning time per case; without it the longest active item of the group is used, so the
/// plan never promises more cases than the windows can serve. <see cref="ZoneId"/> is the hall's zone
/// where the group's windows are: a containment that closes that zone stops its bookings (a group without
/// one is never affected by a zone closure). Versions stored before it read null.
/// </summary>
public sealed record WindowGroupPlan(string Group, int Windows, int? MinutesPerCase, string? ZoneId = null);
