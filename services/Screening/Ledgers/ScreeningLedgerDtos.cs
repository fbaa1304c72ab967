using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CivicHall.Contracts.Screening.V1;
using CivicHall.Screening.Decisions;
using CivicHall.Screening.Policies;

namespace CivicHall.Screening.Ledgers;

/// <summary>
/// One line of the hall's screening register (登记台账), masked: never a clear ID number, name, address or phone.
/// <c>screeningId</c> and <c>personKey</c> are what an authorised reader takes to the audited reads (README "Ledgers").
/// </summary>
public sealed record ScreeningLedgerRow(
    Guid ScreeningId,
    DateTimeOffset TakenAt,
    [AllowedValues(PersonKinds.Visitor, PersonKinds.Staff, PersonKinds.Courier, PersonKinds.Agent)] string PersonKind,
    [Description("Screening's key of the person (a keyed hash, never an ID number).")] string PersonKey,
    string IdNumberMasked,
    string NameMasked,
    [Description("An address was given (kept encrypted only; never shown here).")] bool AddressGiven,
    [Description("A phone number was given (kept encrypted only; never shown here).")] bool PhoneGiven,
    decimal TemperatureC,
    [AllowedValues(HealthCodes.Green, HealthCodes.Yellow, HealthCodes.Red, HealthCodes.None)] string HealthCode,
    string? TestResult,
    DateTimeOffset? TestAt,
    string? AntigenResult,
    [AllowedValues(Outcomes.Admit, Outcomes.ManualCheck, Outcomes.Deny, Outcomes.Retest, Outcomes.Isolate)] string Outcome,
    [Description("The rules of the findings that did not simply pass (`health_code.red`, `temperature.retest`, …).")] IReadOnlyList<string> Rules,
    IReadOnlyList<string> Measures,
    string? Lane,
    string? DeviceId,
    [Description("The screener or device (token subject) that sent the reading.")] string RecordedBy,
    Guid? RetestOf);

/// <summary>A page of the screening ledger, oldest first.</summary>
public sealed record ScreeningLedgerPage(
    string HallId,
    [Description("The first instant of the window read (UTC).")] DateTimeOffset From,
    [Description("The end of the window read, exclusive (UTC).")] DateTimeOffset To,
    IReadOnlyList<ScreeningLedgerRow> Screenings,
    string? NextCursor);
