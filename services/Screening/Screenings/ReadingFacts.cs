using CivicHall.Screening.Decisions;
using CivicHall.Screening.Staff;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Screening.Screenings;

/// <summary>What the rules decide on: the reading as the device sent it, completed from what the service knows of the person.</summary>
public static class ReadingFacts
{
    /// <summary>
    /// The facts of a validated reading. A staff member's daily check-in decides on the whole 一人一档
    /// (<paramref name="staffFile"/>): results the device did not read come from the file, and so do the
    /// symptoms declared for the day and the vaccination.
    /// </summary>
    public static ScreeningFacts Of(
        CreateScreeningRequest request, string idNumber, DateTimeOffset takenAt, DateOnly localDate, IReadOnlyList<BookedVisit> bookings, StaffHealthFile? staffFile)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (testAt, testResult, antigenAt, antigenResult, symptoms) =
            (request.TestAt, request.TestResult, request.AntigenAt, request.AntigenResult, (IReadOnlyList<string>)[.. (request.Symptoms ?? []).OfType<string>()]);
        var (vaccinationDoses, vaccinationExempt) = ((int?)null, false);
        if (staffFile is not null)
        {
            (vaccinationDoses, vaccinationExempt) = (staffFile.VaccinationDoses, staffFile.VaccinationExemptedAt is not null);
            var nucleic = staffFile.LatestTest(HealthTestKinds.Nucleic, takenAt);
            var antigen = staffFile.LatestTest(HealthTestKinds.Antigen, takenAt);
            (testAt, testResult) = testAt is null && nucleic is not null ? (nucleic.At, nucleic.Result) : (testAt, testResult);
            (antigenAt, antigenResult) = antigenAt is null && antigen is not null ? (antigen.At, antigen.Result) : (antigenAt, antigenResult);
            symptoms = [.. symptoms.Concat(staffFile.SymptomsOn(localDate)).Distinct(StringComparer.Ordinal)];
        }

        return new ScreeningFacts
        {
            PersonKind = request.PersonKind!,
            At = takenAt,
            Age = ChineseIdNumber.AgeOn(idNumber, localDate),
            RegisteredDisabled = request.RegisteredDisabled ?? false,
            HealthCode = request.HealthCode!,
            OfflineCode = request.OfflineCode ?? false,
            TestAt = testAt,
            TestResult = testResult,
            AntigenAt = antigenAt,
            AntigenResult = antigenResult,
            TemperatureC = request.TemperatureC!.Value,
            Mask = request.Mask!.Value,
            Symptoms = symptoms,
            VaccinationDoses = vaccinationDoses,
            VaccinationExempt = vaccinationExempt,
            IsRetest = request.RetestOf is not null,
            Bookings = bookings,
        };
    }
}
