using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Screening.Staff;

/// <summary>What the health-file endpoints need from the container, bound with <c>[AsParameters]</c>.</summary>
public sealed class StaffHealthFileServices(StaffHealthFileStore store, PersonalDataProtector personalData, TimeProvider timeProvider)
{
    public StaffHealthFileStore Store { get; } = store;

    public PersonalDataProtector PersonalData { get; } = personalData;

    public TimeProvider TimeProvider { get; } = timeProvider;
}
