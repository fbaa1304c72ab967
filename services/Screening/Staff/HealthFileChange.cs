namespace CivicHall.Screening.Staff;

/// <summary>What an addition did to a health file.</summary>
public enum HealthFileChange
{
    /// <summary>The file changed and must be saved.</summary>
    Changed,

    /// <summary>The file already held it: nothing to save.</summary>
    Unchanged,

    /// <summary>The file holds something else in its place (a test result once recorded is never overwritten).</summary>
    Conflict,
}
