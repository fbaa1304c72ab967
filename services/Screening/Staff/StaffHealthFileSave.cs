namespace CivicHall.Screening.Staff;

/// <summary>How a health file was saved.</summary>
public enum StaffHealthFileSave
{
    Saved,

    /// <summary>Another writer changed the same file in the meantime (its revision moved on).</summary>
    ChangedConcurrently,

    /// <summary>Another writer opened a file for the same staff member or person in the meantime.</summary>
    CreatedConcurrently,
}
