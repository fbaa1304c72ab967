using CivicHall.Booking.Policies;

namespace CivicHall.Booking.Calls;

/// <summary>
/// A window (窗口) of a hall, derived from the booking policy in force: a window group with <c>windows: 3</c> has the
/// windows <c>{group}-1</c>, <c>{group}-2</c> and <c>{group}-3</c>. The policy already says how many windows each group
/// opens (and plans slots with that number), so windows need no register of their own that could disagree with it:
/// a new policy version with another count opens or closes windows from its effective time.
/// </summary>
public sealed record HallWindow(string WindowId, string Name, string WindowGroup)
{
    /// <summary>The windows the policy opens, group by group in the policy's order.</summary>
    public static IReadOnlyList<HallWindow> Of(BookingPolicy? policy) =>
        policy is null
            ? []
            : [.. policy.WindowGroups.SelectMany(g => Enumerable.Range(1, g.Windows).Select(n => new HallWindow($"{g.Group}-{n}", $"{g.Group} {n}号窗口", g.Group)))];

    /// <summary>The window with this id under the policy, or null.</summary>
    public static HallWindow? Find(BookingPolicy? policy, string windowId) =>
        Of(policy).FirstOrDefault(w => string.Equals(w.WindowId, windowId, StringComparison.Ordinal));
}
