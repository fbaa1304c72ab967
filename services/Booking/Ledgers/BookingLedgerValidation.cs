using CivicHall.Booking.Bookings;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.ServiceDefaults.Csv;
using CivicHall.ServiceDefaults.Paging;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Booking.Ledgers;

/// <summary>Every check of a bookings ledger read, each failure naming its query parameter.</summary>
public static class BookingLedgerValidation
{
    public const int MaxLimit = 200;

    public static readonly string[] KindValues = [BookingKinds.Regular, BookingKinds.SpecialGroup, BookingKinds.Agent, BookingKinds.GreenChannel];

    public static readonly string[] SpecialGroupValues = [SpecialGroups.Elderly, SpecialGroups.Disabled];

    public static Dictionary<string, string[]> Validate(BookingLedgerQuery query, out BookingStatus? status, out BookingLedgerCursor? after)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DayWindow.Check(errors, query.Date, query.From, query.To);
        status = null;
        if (query.Status is { } text)
        {
            if (EnumText.TryParse<BookingStatus>(text, out var parsed))
            {
                status = parsed;
            }
            else
            {
                errors["status"] = [$"One of {string.Join(", ", Enum.GetValues<BookingStatus>().Select(EnumText.Of).Order(StringComparer.Ordinal))}."];
            }
        }

        if (query.Kind is { } kind && !KindValues.Contains(kind, StringComparer.Ordinal))
        {
            errors["kind"] = [$"One of {string.Join(", ", KindValues)}."];
        }

        if (query.SpecialGroup is { } group && !SpecialGroupValues.Contains(group, StringComparer.Ordinal))
        {
            errors["specialGroup"] = [$"One of {string.Join(", ", SpecialGroupValues)}."];
        }

        if (query.ItemId is { } item && !Identifier.IsValid(item))
        {
            errors["itemId"] = [Identifier.Rule];
        }

        CsvNegotiation.CheckFormat(errors, query.Format);

        PageQuery.CheckLimit(errors, query.Limit, MaxLimit);
        after = PageQuery.CheckCursor<BookingLedgerCursor>(errors, query.Cursor, BookingLedgerCursor.TryParse);
        return errors;
    }
}
