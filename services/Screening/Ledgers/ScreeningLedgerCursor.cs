using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Screening.Ledgers;

/// <summary>
/// Where a page of the screening ledger ends: the last reading's time and id, the ledger's order (oldest first, as a
/// register is written). Opaque to callers (base64url); a page never skips or repeats a reading.
/// </summary>
public readonly record struct ScreeningLedgerCursor(DateTimeOffset TakenAt, Guid ScreeningId)
{
    public string Encode() => TimeIdCursor.Encode(TakenAt, ScreeningId);

    public static bool TryParse(string text, out ScreeningLedgerCursor cursor)
    {
        var parsed = TimeIdCursor.TryParse(text, out var at, out var id);
        cursor = parsed ? new ScreeningLedgerCursor(at, id) : default;
        return parsed;
    }
}
