using CivicHall.ServiceDefaults.Paging;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Occupancy.Ledgers;

/// <summary>Every check of an admissions ledger read, each failure naming its query parameter.</summary>
public static class AdmissionLedgerValidation
{
    public const int MaxLimit = 200;

    /// <summary>The kinds of person screening admits (its <c>PersonKinds</c>), as <c>PersonAdmitted</c> carries them.</summary>
    public static readonly string[] PersonKindValues = ["visitor", "staff", "courier", "agent"];

    private static readonly Dictionary<string, AdmissionState> States =
        Enum.GetValues<AdmissionState>().ToDictionary(EnumText.Of, s => s, StringComparer.Ordinal);

    public static Dictionary<string, string[]> Validate(AdmissionLedgerQuery query, out AdmissionState? state, out AdmissionLedgerCursor? after)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DayWindow.Check(errors, query.Date, query.From, query.To);
        state = null;
        if (query.State is { } text)
        {
            if (States.TryGetValue(text, out var parsed))
            {
                state = parsed;
            }
            else
            {
                errors["state"] = [$"One of {string.Join(", ", States.Keys)}."];
            }
        }

        if (query.PersonKind is { } kind && !PersonKindValues.Contains(kind, StringComparer.Ordinal))
        {
            errors["personKind"] = [$"One of {string.Join(", ", PersonKindValues)}."];
        }

        if (query.ZoneId is { } zone && !Identifier.IsValid(zone))
        {
            errors["zoneId"] = [Identifier.Rule];
        }

        if (query.Format is { } format && format is not ("csv" or "json"))
        {
            errors["format"] = ["csv or json."];
        }

        PageQuery.CheckLimit(errors, query.Limit, MaxLimit);
        after = PageQuery.CheckCursor<AdmissionLedgerCursor>(errors, query.Cursor, AdmissionLedgerCursor.TryParse);
        return errors;
    }
}
