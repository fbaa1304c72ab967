using System.Security.Claims;
using CivicHall.Sanitation.Plans;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Sanitation.Supplies;

/// <summary><c>/api/v1/halls/{hallId}/sanitation/supplies</c>: the epidemic-prevention supplies ledger (防疫物资台账).</summary>
public static class SupplyEndpoints
{
    public static IEndpointRouteBuilder MapSupplyEndpoints(this IEndpointRouteBuilder app)
    {
        var supplies = app.MapGroup("/api/v1/halls/{hallId}/sanitation/supplies").WithTags("Sanitation supplies");
        supplies.MapGet("/", ListSupplies).WithName("ListSanitationSupplies")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader, Roles.Ops))
            .WithSummary("List a hall's supplies")
            .WithDescription("Each item with its stock, the average daily issue over the last 7 local days (today included), the days of cover at that rate (null without issues) and `low`: stock at or below `lowThreshold`, or fewer days of cover than `coverDaysThreshold`. In `itemId` order, not paged: the list is the hall's catalogue of items ops define (receipts and issues never add one); the ledger, which grows, is paged (`…/{itemId}/movements`).")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown);
        supplies.MapPut("/{itemId}", PutItem).WithName("PutSanitationSupplyItem")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Ops, Roles.DutyLeader))
            .WithSummary("Define a supply item")
            .WithDescription("Creates (201) or changes (200) an item: `name`, `unit`, `lowThreshold`, `coverDaysThreshold` (0 or left out: not checked). The stock is the ledger's: receipts and issues change it. A change that makes the item low raises `SuppliesLow` (see the issues).")
            .WithRequestExample("""{"name": "医用外科口罩", "unit": "只", "lowThreshold": 200, "coverDaysThreshold": 7}""")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown);
        return app;
    }

    /// <summary>What a supplies handler needs besides the request.</summary>
    public sealed record SupplyServices(SanitationDbContext Db, TimeProvider TimeProvider, ClaimsPrincipal User, HttpResponse Response);

    private static async Task<Results<Ok<SupplyList>, ProblemHttpResult>> ListSupplies(string hallId, [AsParameters] SupplyServices services, CancellationToken cancellationToken)
    {
        var hall = await services.Db.Halls.AsNoTracking().SingleOrDefaultAsync(h => h.HallId == hallId && h.Version > 0, cancellationToken);
        if (hall is null)
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        var today = HallTime.LocalDate(hall.TimeZone, services.TimeProvider.GetUtcNow());
        return TypedResults.Ok(new SupplyList(await SupplyStore.ListAsync(services.Db, hallId, today, cancellationToken)));
    }

    private static async Task<Results<Created<SupplyItemView>, Ok<SupplyItemView>, ProblemHttpResult>> PutItem(
        string hallId, string itemId, PutSupplyItemRequest? request, [AsParameters] SupplyServices services, CancellationToken cancellationToken)
    {
        var errors = SupplyValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var db = services.Db;
        var hall = await db.Halls.AsNoTracking().SingleOrDefaultAsync(h => h.HallId == hallId && h.Version > 0, cancellationToken);
        if (hall is null)
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        var now = services.TimeProvider.GetUtcNow();
        var today = HallTime.LocalDate(hall.TimeZone, now);
        var by = services.User.Subject();
        var item = await db.SupplyItems.SingleOrDefaultAsync(i => i.HallId == hallId && i.ItemId == itemId, cancellationToken);
        var created = item is null;
        if (item is null)
        {
            item = new SupplyItem { HallId = hallId, ItemId = itemId, Name = request!.Name!, Unit = request.Unit!, CreatedAt = now, UpdatedAt = now, UpdatedBy = by };
            db.SupplyItems.Add(item);
        }

        var changed = item.Define(request!.Name!.Trim(), request.Unit!.Trim(), request.LowThreshold!.Value, request.CoverDaysThreshold ?? 0, by, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return Problem.ConcurrentUpdate(new Bilingual("该物资刚刚被同时定义，请重试。", "The item was defined at the same time; retry."));
        }

        if (changed && !created)
        {
            // A higher threshold may make the item low (SuppliesLow), a lower one arm it again.
            await SupplyLowAlerts.AfterDefinitionAsync(db, hallId, itemId, today, now, services.TimeProvider, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var stored = await db.SupplyItems.AsNoTracking().SingleAsync(i => i.HallId == hallId && i.ItemId == itemId, cancellationToken);
        var view = SupplyStore.View(stored, await SupplyStore.IssuedInWindowAsync(db, hallId, itemId, today, cancellationToken));
        return created ? TypedResults.Created($"/api/v1/halls/{hallId}/sanitation/supplies", view) : TypedResults.Ok(view);
    }

    internal static ProblemHttpResult ItemUnknown(string itemId) =>
        Problem.Of(StatusCodes.Status404NotFound, SanitationProblems.SupplyItemUnknown, new Bilingual($"本大厅没有防疫物资“{itemId}”。", $"The hall has no supply item '{itemId}'."));
}
