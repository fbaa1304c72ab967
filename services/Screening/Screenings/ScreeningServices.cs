using CivicHall.Screening.Policies;
using CivicHall.Screening.Staff;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Screening.Screenings;

/// <summary>What the screening endpoints need from the container, bound with <c>[AsParameters]</c>.</summary>
public sealed class ScreeningServices(
    ScreeningStore store, StaffHealthFileStore staffHealthFiles, ScreeningCatalog catalog, PersonalDataProtector personalData, TimeProvider timeProvider)
{
    public ScreeningStore Store { get; } = store;

    public StaffHealthFileStore StaffHealthFiles { get; } = staffHealthFiles;

    public ScreeningCatalog Catalog { get; } = catalog;

    public PersonalDataProtector PersonalData { get; } = personalData;

    public TimeProvider TimeProvider { get; } = timeProvider;
}
