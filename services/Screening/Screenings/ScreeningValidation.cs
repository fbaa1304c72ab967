using CivicHall.Contracts.Screening.V1;
using CivicHall.Screening.Decisions;
using CivicHall.Screening.Policies;
using CivicHall.ServiceDefaults.PersonalData;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Screening.Screenings;

public static class ScreeningValidation
{
    /// <summary>How far ahead of the server's clock a device's clock may run.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    /// <summary>Readings a device buffered while offline are taken up to this late.</summary>
    public static readonly TimeSpan LatestUpload = TimeSpan.FromHours(24);

    /// <summary>
    /// Two kinds of problems: <c>Invalid</c> (missing or malformed fields, 400) and <c>Impossible</c>
    /// (values no person or device can produce, 422 <c>reading_impossible</c>). Either way nothing is stored.
    /// </summary>
    public static (Dictionary<string, string[]> Invalid, Dictionary<string, string[]> Impossible) Validate(CreateScreeningRequest? request, DateTimeOffset now)
    {
        var invalid = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var impossible = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            invalid["body"] = ["A reading is required."];
            return (invalid, impossible);
        }

        if (!Identifier.IsValid(request.HallId))
        {
            invalid["hallId"] = [$"Required. {Identifier.Rule}"];
        }

        if (request.PersonKind is null || !PersonKinds.All.Contains(request.PersonKind))
        {
            invalid["personKind"] = [$"One of {string.Join(", ", PersonKinds.All)}."];
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (request.Person is not { } person)
        {
            invalid["person"] = ["Required: idNumber and name."];
        }
        else
        {
            if (!ChineseIdNumber.IsValid(person.IdNumber, today))
            {
                invalid["person.idNumber"] = ["A valid 18-character resident ID number."];
            }

            if (PersonalFields.NameError(person.Name) is { } name)
            {
                invalid["person.name"] = [name];
            }

            if (PersonalFields.AddressError(person.Address) is { } address)
            {
                invalid["person.address"] = [address];
            }

            if (PersonalFields.PhoneError(person.Phone) is { } phone)
            {
                invalid["person.phone"] = [phone];
            }
        }

        if (request.HealthCode is null || !HealthCodes.All.Contains(request.HealthCode))
        {
            invalid["healthCode"] = [$"One of {string.Join(", ", HealthCodes.All)}."];
        }

        if (request.TestResult is not null && !TestResults.All.Contains(request.TestResult))
        {
            invalid["testResult"] = [$"One of {string.Join(", ", TestResults.All)}."];
        }

        if ((request.TestAt is null) != (request.TestResult is null))
        {
            invalid["testAt"] = ["testAt and testResult go together."];
        }

        if (request.AntigenResult is not null && !TestResults.All.Contains(request.AntigenResult))
        {
            invalid["antigenResult"] = [$"One of {string.Join(", ", TestResults.All)}."];
        }

        if ((request.AntigenAt is null) != (request.AntigenResult is null))
        {
            invalid["antigenAt"] = ["antigenAt and antigenResult go together."];
        }

        if (request.TemperatureC is null)
        {
            invalid["temperatureC"] = ["Required."];
        }
        else if (request.TemperatureC is < 30m or > 43m)
        {
            impossible["temperatureC"] = [$"{request.TemperatureC} °C is not a living person's temperature (30–43 °C): measure again."];
        }

        if (request.Mask is null)
        {
            invalid["mask"] = ["Required."];
        }

        var symptoms = request.Symptoms ?? [];
        if (symptoms.Count > 20)
        {
            invalid["symptoms"] = ["At most 20."];
        }

        for (var i = 0; i < symptoms.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(symptoms[i]) || symptoms[i]?.Length > 50)
            {
                invalid[$"symptoms[{i}]"] = ["1–50 characters."];
            }
        }

        if (request.Lane is not null && !Identifier.IsValid(request.Lane))
        {
            invalid["lane"] = [$"When given, an id. {Identifier.Rule}"];
        }

        if (request.DeviceId is not null && !Identifier.IsValid(request.DeviceId))
        {
            invalid["deviceId"] = [$"When given, an id. {Identifier.Rule}"];
        }

        var takenAt = request.TakenAt ?? now;
        if (takenAt > now + ClockSkew)
        {
            impossible["takenAt"] = ["A reading cannot be taken in the future."];
            takenAt = now; // the tests' times are still checked, against now (and 9999-12-31 + 2 min would not exist)
        }
        else if (takenAt < now - LatestUpload)
        {
            invalid["takenAt"] = ["Readings are accepted up to 24 h after they were taken."];
        }

        if (request.TestAt > takenAt + ClockSkew)
        {
            impossible["testAt"] = ["A test cannot be taken after the reading."];
        }

        if (request.AntigenAt > takenAt + ClockSkew)
        {
            impossible["antigenAt"] = ["An antigen test cannot be taken after the reading."];
        }

        return (invalid, impossible);
    }
}
