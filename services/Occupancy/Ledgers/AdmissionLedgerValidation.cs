using CivicHall.Contracts.Screening.V1;
using CivicHall.ServiceDefaults.Csv;
using CivicHall.ServiceDefaults.Paging;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Occupancy.Ledgers;

/// <summary>Every check of an admissions ledger read, each failure naming its query parameter.</summary>
public static class AdmissionLedgerValidation
{
    public const int MaxLimit = 200;


    public static Dictionary<string, string[]> Validate(AdmissionLedgerQuery query, out AdmissionState? state, out AdmissionLedgerCursor? after)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DayWindow.Check(errors, query.Date, query.From, query.To);
        state = null;
        if (query.State is { } text)
        {
            if (EnumText.TryParse<AdmissionState>(text, out var parsed))
            {
                state = parsed;
            }
            else
            {
                errors["state"] = [$"One of {string.Join(", ", Enum.GetValues<AdmissionState>().Select(EnumText.Of))}."];
            }
        }

        if (query.PersonKind is { } kind && !PersonKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            errors["personKind"] = [$"One of {string.Join(", ", PersonKinds.All)}."];
        }

        if (query.ZoneId is { } zone && !Identifier.IsValid(zone))
        {
            errors["zoneId"] = [Identifier.Rule];
        }

        CsvNegotiation.CheckFormat(errors, query.Format);

        PageQuery.CheckLimit(errors, query.Limit, MaxLimit);
        after = PageQuery.CheckCursor<AdmissionLedgerCursor>(errors, query.Cursor, AdmissionLedgerCursor.TryParse);
        return errors;
    }
}
