using CivicHall.Contracts.Screening.V1;
using CivicHall.Screening.Decisions;
using CivicHall.Screening.Policies;
using CivicHall.ServiceDefaults.Csv;
using CivicHall.ServiceDefaults.Paging;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Screening.Ledgers;

/// <summary>Every check of a screening ledger read, each failure naming its query parameter.</summary>
public static class ScreeningLedgerValidation
{
    public const int MaxLimit = 200;

    public static readonly string[] OutcomeValues = [Outcomes.Admit, Outcomes.ManualCheck, Outcomes.Deny, Outcomes.Retest, Outcomes.Isolate];

    public static Dictionary<string, string[]> Validate(ScreeningLedgerQuery query, out ScreeningLedgerCursor? after)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DayWindow.Check(errors, query.Date, query.From, query.To);
        if (query.Outcome is { } outcome && !OutcomeValues.Contains(outcome, StringComparer.Ordinal))
        {
            errors["outcome"] = [$"One of {string.Join(", ", OutcomeValues)}."];
        }

        if (query.PersonKind is { } kind && !PersonKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            errors["personKind"] = [$"One of {string.Join(", ", PersonKinds.All)}."];
        }

        if (query.Lane is { } lane && !Identifier.IsValid(lane))
        {
            errors["lane"] = [Identifier.Rule];
        }

        CsvNegotiation.CheckFormat(errors, query.Format);

        PageQuery.CheckLimit(errors, query.Limit, MaxLimit);
        after = PageQuery.CheckCursor<ScreeningLedgerCursor>(errors, query.Cursor, ScreeningLedgerCursor.TryParse);
        return errors;
    }
}
