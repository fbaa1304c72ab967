using CivicHall.Contracts.Occupancy.V1;

namespace CivicHall.Occupancy.Announcements;

public sealed class OccupancyAnnouncementOptions
{
    /// <summary>How often to look for halls that changed since their last announcement.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most one <see cref="OccupancyChanged"/> per hall this often.</summary>
    public TimeSpan Throttle { get; set; } = TimeSpan.FromSeconds(5);
}
