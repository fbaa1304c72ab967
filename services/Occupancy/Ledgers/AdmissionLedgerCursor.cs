using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Occupancy.Ledgers;

/// <summary>
/// Where a page of the admissions ledger ends: the last visit's arrival and id, the ledger's order (oldest first, as a
/// register is written). Opaque to callers (base64url); a page never skips or repeats a visit.
/// </summary>
public readonly record struct AdmissionLedgerCursor(DateTimeOffset ArrivedAt, Guid AdmissionId)
{
    public string Encode() => TimeIdCursor.Encode(ArrivedAt, AdmissionId);

    public static bool TryParse(string text, out AdmissionLedgerCursor cursor)
    {
        var parsed = TimeIdCursor.TryParse(text, out var at, out var id);
        cursor = parsed ? new AdmissionLedgerCursor(at, id) : default;
        return parsed;
    }
}
