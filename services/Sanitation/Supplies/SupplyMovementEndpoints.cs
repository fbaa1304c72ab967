using System.ComponentModel.DataAnnotations;
using CivicHall.Sanitation.Plans;
using CivicHall.Sanitation.Tasks;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Csv;

namespace CivicHall.Sanitation.Supplies;

/// <summary><c>GET …/supplies/{itemId}/movements</c>: an item's ledger, newest first, as JSON or CSV (the auditor's copy).</summary>
public static class SupplyMovementEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapSupplyMovementEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/halls/{hallId}/sanitation/supplies/{itemId}/movements", ListMovements).WithName("ListSanitationSupplyMovements")
            .WithTags("Sanitation supplies")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader, Roles.Ops))
            .WithSummary("Read an item's ledger")
            .WithDescription(
                "The item's receipts and issues, newest first (by `at`, then `movementId`), each with the stock after it. `from` (inclusive) and `to` (exclusive) " +
                $"bound `at`; `kind` is `receipt` or `issue`. Pages of `limit` (1–{MaxLimit}, {DefaultLimit}); the previous page's `nextCursor` continues: no line is " +
                "repeated or left out however many are added meanwhile (new lines come before the first page). `format=csv` or `Accept: text/csv`: the same page as CSV " +
                "(UTF-8, headers in Chinese and English), the next cursor in the `Next-Cursor` header.")
            .ProducesCsv()
            .WithResponseHeader(StatusCodes.Status200OK, "Next-Cursor", "CSV only: the cursor of the next page, when there is one.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown, SanitationProblems.SupplyItemUnknown);
        return app;
    }

    private static async Task<Results<Ok<SupplyMovementPage>, CsvResult, ProblemHttpResult>> ListMovements(
        string hallId,
        string itemId,
        DateTimeOffset? from,
        DateTimeOffset? to,
        [AllowedValues("receipt", "issue")] string? kind,
        [Range(1, MaxLimit)] int? limit,
        [StringLength(32)] string? cursor,
        [AllowedValues("json", "csv")] string? format,
        SanitationDbContext db,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var after = BoardCursor.CheckPage(errors, null, limit, MaxLimit, cursor);
        SupplyMovementKind? wanted = kind switch { null => null, "receipt" => SupplyMovementKind.Receipt, "issue" => SupplyMovementKind.Issue, _ => Bad(errors, "kind", "receipt or issue.") };
        CheckInstant(errors, "from", from);
        CheckInstant(errors, "to", to);
        if (from is { } f && to is { } t && f >= t)
        {
            errors["to"] = ["After `from`."];
        }

        CsvNegotiation.CheckFormat(errors, format);

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.AnyAsync(h => h.HallId == hallId && h.Version > 0, cancellationToken))
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        var item = await db.SupplyItems.AsNoTracking().SingleOrDefaultAsync(i => i.HallId == hallId && i.ItemId == itemId, cancellationToken);
        if (item is null)
        {
            return SupplyEndpoints.ItemUnknown(itemId);
        }

        var query = cursor is null
            ? db.SupplyMovements.AsNoTracking()
            : db.SupplyMovements.FromSql($"SELECT * FROM supply_movements WHERE (at, movement_id) < ({after.WindowStart}, {after.TaskId})").AsNoTracking();
        query = query.Where(m => m.HallId == hallId && m.ItemId == itemId);
        if (from is { } since)
        {
            query = query.Where(m => m.At >= since.ToUniversalTime());
        }

        if (to is { } until)
        {
            query = query.Where(m => m.At < until.ToUniversalTime());
        }

        if (wanted is { } k)
        {
            query = query.Where(m => m.Kind == k);
        }

        var take = limit ?? DefaultLimit;
        var page = await query.OrderByDescending(m => m.At).ThenByDescending(m => m.MovementId).Take(take + 1).ToListAsync(cancellationToken);
        var next = page.Count > take ? new BoardCursor(page[take - 1].At, page[take - 1].MovementId).Encode() : null;
        var rows = page.Take(take).Select(SupplyMovementView.From).ToList();
        if (http.Request.WantsCsv(format))
        {
            if (next is not null)
            {
                http.Response.Headers["Next-Cursor"] = next;
            }

            return SupplyLedgerCsv.Write($"supplies-{hallId}-{itemId}.csv", item, rows);
        }

        return TypedResults.Ok(new SupplyMovementPage(hallId, itemId, item.Name, item.Unit, rows, next));
    }

    private static void CheckInstant(Dictionary<string, string[]> errors, string name, DateTimeOffset? value)
    {
        if (value is { } instant && (instant.Year < 2000 || instant.Year > 2100))
        {
            errors[name] = ["An instant from 2000 to 2100, with its offset (2026-12-01T09:00:00+08:00)."];
        }
    }

    private static SupplyMovementKind? Bad(Dictionary<string, string[]> errors, string name, string message)
    {
        errors[name] = [message];
        return null;
    }
}
