using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Csv;
using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Booking.Ledgers;

/// <summary>
/// <c>GET /api/v1/halls/{hallId}/ledgers/bookings</c>: the hall's bookings register (登记台账) for a day, masked, in pages
/// or as one CSV file. Duty leaders and ops.
/// </summary>
public static class BookingLedgerEndpoints
{
    public const int DefaultLimit = 50;

    /// <summary>The CSV's header: the Chinese a duty leader reads, the row's JSON field name in brackets for scripts.</summary>
    public static readonly string[] CsvHeader =
    [
        "预约号 (bookingId)", "时段开始 (slotStartsAt)", "时段结束 (slotEndsAt)", "时段 (slotId)", "事项 (itemId)", "窗口组 (windowGroup)",
        "状态 (status)", "类别 (kind)", "渠道 (channel)", "特殊人群 (specialGroup)", "人员标识 (personKey)", "证件号码 (idNumberMasked)",
        "姓名 (nameMasked)", "电话 (phoneMasked)", "代办人 (agentId)", "企业 (enterprise)", "排队号 (ticketNumber)", "预约时间 (createdAt)",
        "取号时间 (checkedInAt)", "办结时间 (servedAt)", "取消时间 (cancelledAt)", "取消原因 (cancelReason)",
    ];

    public static IEndpointRouteBuilder MapBookingLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/halls/{hallId}/ledgers").WithTags("Ledgers")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .MapGet("/bookings", List).WithName("ListBookingLedger")
            .WithSummary("The hall's bookings register (登记台账) for a day, masked")
            .WithDescription(
                "Every booking of the hall whose slot starts in the window — the hall's local `date`, narrowed by `from`/`to` (instants), "
                + "or `from` and `to` alone (at most 31 days) — earliest slot first by (`slotStartsAt`, `bookingId`), filtered by `status`, "
                + "`kind`, `specialGroup` and `itemId`. Masked always (`310***********1234`, `张*`, `138****5678`); `bookingId` leads to "
                + "the recorded clear read `GET /api/v1/bookings/{id}/person?reason=`. `format=csv` (or `Accept: text/csv`): every row of "
                + "the window and filters as one file (UTF-8 with BOM, headers `预约号 (bookingId)`), written as it is read.")
            .WithQueryParameter("status", "One booking status (`confirmed`, `checked_in`, `served` …); all when absent.", 40)
            .WithQueryParameter("kind", "One kind of booking (`regular`, `special_group`, `agent`, `green_channel`); all when absent.", 40)
            .WithQueryParameter("specialGroup", "One special group (`elderly`, `disabled`); all when absent.", 40)
            .WithQueryParameter("cursor", "The `nextCursor` of the previous page.", 200)
            .WithQueryParameter("format", "`csv` for the whole window as one CSV file; JSON pages otherwise.", 10)
            .ProducesCsv()
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown);
        return app;
    }

    private static async Task<Results<Ok<BookingLedgerPage>, CsvResult, ProblemHttpResult>> List(
        string hallId, [AsParameters] BookingLedgerQuery query, HttpRequest request, BookingDbContext db, CancellationToken cancellationToken)
    {
        var errors = BookingLedgerValidation.Validate(query, out var status, out var after);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var timeZone = await db.Halls.Where(h => h.HallId == hallId).Select(h => h.TimeZone).FirstOrDefaultAsync(cancellationToken);
        if (timeZone is null)
        {
            return BookingProblems.UnknownHall(hallId);
        }

        var (from, to) = DayWindow.Resolve(timeZone, query.Date, query.From, query.To);
        var filter = new BookingLedgerFilter(hallId, from, to, status, query.Kind, query.SpecialGroup, query.ItemId);
        if (request.WantsCsv(query.Format))
        {
            return new CsvResult($"booking-ledger-{hallId}-{DayWindow.FileStamp(query.Date, from)}.csv", CsvHeader, Rows(db, filter, cancellationToken));
        }

        var (rows, next) = await BookingLedgerStore.PageAsync(db, filter, after, query.Limit ?? DefaultLimit, cancellationToken);
        return TypedResults.Ok(new BookingLedgerPage(hallId, from, to, rows, next));
    }

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(
        BookingDbContext db, BookingLedgerFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var r in BookingLedgerStore.AllAsync(db, filter).WithCancellation(cancellationToken))
        {
            yield return
            [
                r.BookingId, r.SlotStartsAt, r.SlotEndsAt, r.SlotId, r.ItemId, r.WindowGroup, EnumText.Of(r.Status), r.Kind, r.Channel, r.SpecialGroup,
                r.PersonKey, r.IdNumberMasked, r.NameMasked, r.PhoneMasked, r.AgentId, r.Enterprise, r.TicketNumber, r.CreatedAt, r.CheckedInAt,
                r.ServedAt, r.CancelledAt, r.CancelReason,
            ];
        }
    }
}
