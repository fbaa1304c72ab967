using CivicHall.Sanitation.Plans;
using CivicHall.ServiceDefaults.Auth;
using static CivicHall.Sanitation.Supplies.SupplyEndpoints;

namespace CivicHall.Sanitation.Supplies;

/// <summary><c>POST …/supplies/{itemId}/receipts</c> and <c>…/issues</c>: the ledger's movements, idempotent by the client's id.</summary>
public static class SupplyStockEndpoints
{
    public static IEndpointRouteBuilder MapSupplyStockEndpoints(this IEndpointRouteBuilder app)
    {
        var supplies = app.MapGroup("/api/v1/halls/{hallId}/sanitation/supplies").WithTags("Sanitation supplies");
        supplies.MapPost("/{itemId}/receipts", PostReceipt).WithName("PostSanitationSupplyReceipt")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader))
            .WithSummary("Receive stock")
            .WithDescription("Adds `count` (> 0) to the stock, with `supplier` and `batch`; who received it is the token's subject. The same `receiptId` and body again: 200 with `Idempotent-Replayed: true`; another body: 409 `supply_movement_id_reused`.")
            .WithRequestExample("""{"receiptId": "0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f81", "count": 500, "supplier": "上海医疗器械有限公司", "batch": "20261128-03"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: stored before under this `receiptId` with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown, SanitationProblems.SupplyItemUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, SanitationProblems.SupplyMovementIdReused);
        supplies.MapPost("/{itemId}/issues", PostIssue).WithName("PostSanitationSupplyIssue")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader))
            .WithSummary("Issue stock to a staff member")
            .WithDescription("Takes `count` (> 0) from the stock for `staffId`, only if that much is there: otherwise 409 `insufficient_stock` with `stock` (what is left) and nothing stored. An issue that leaves the item low (stock at or below `lowThreshold`, or fewer days of cover than `coverDaysThreshold`) raises `SuppliesLow` in its transaction, once until a receipt puts the stock back above the threshold and at most once per item per the plan's `suppliesLowCooldownMinutes`. The same `issueId` and body again: 200 with `Idempotent-Replayed: true`; another body: 409 `supply_movement_id_reused`.")
            .WithRequestExample("""{"issueId": "0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f82", "count": 2, "staffId": "staff-017"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: stored before under this `issueId` with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown, SanitationProblems.SupplyItemUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, SanitationProblems.InsufficientStock, SanitationProblems.SupplyMovementIdReused);
        return app;
    }

    private static async Task<Results<Created<SupplyMovementView>, Ok<SupplyMovementView>, ProblemHttpResult>> PostReceipt(
        string hallId, string itemId, PostSupplyReceiptRequest? request, [AsParameters] SupplyServices services, CancellationToken cancellationToken)
    {
        var errors = SupplyValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var body = request!;
        var fingerprint = SupplyValidation.Fingerprint(hallId, itemId, body);
        return await MoveAsync(hallId, itemId, body.ReceiptId!.Value, fingerprint, services, async (draft, db) =>
        {
            var movement = await SupplyStore.ReceiveAsync(db, draft, cancellationToken);
            return movement is null ? ItemUnknown(itemId) : movement;
        }, hall => Draft(hall, itemId, body.ReceiptId.Value, SupplyMovementKind.Receipt, body.Count!.Value, null, body.Supplier?.Trim(), body.Batch?.Trim(), fingerprint, services), cancellationToken);
    }

    private static async Task<Results<Created<SupplyMovementView>, Ok<SupplyMovementView>, ProblemHttpResult>> PostIssue(
        string hallId, string itemId, PostSupplyIssueRequest? request, [AsParameters] SupplyServices services, CancellationToken cancellationToken)
    {
        var errors = SupplyValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var body = request!;
        var fingerprint = SupplyValidation.Fingerprint(hallId, itemId, body);
        return await MoveAsync(hallId, itemId, body.IssueId!.Value, fingerprint, services, async (draft, db) =>
        {
            var outcome = await SupplyStore.IssueAsync(db, draft, services.TimeProvider, cancellationToken);
            return outcome switch
            {
                { Movement: { } movement } => movement,
                { ItemUnknown: true } => ItemUnknown(itemId),
                _ => Problem.Of(StatusCodes.Status409Conflict, SanitationProblems.InsufficientStock,
                    new Bilingual($"“{itemId}”仅剩 {outcome.StockLeft}，申领 {draft.Count}。", $"Only {outcome.StockLeft} of '{itemId}' left; {draft.Count} asked."), new Dictionary<string, object?> { ["stock"] = outcome.StockLeft }),
            };
        }, hall => Draft(hall, itemId, body.IssueId.Value, SupplyMovementKind.Issue, body.Count!.Value, body.StaffId, null, null, fingerprint, services), cancellationToken);
    }

    /// <summary>The shared path of a movement: the hall, a replay, the store, a replay again when the same id raced in.</summary>
    private static async Task<Results<Created<SupplyMovementView>, Ok<SupplyMovementView>, ProblemHttpResult>> MoveAsync(
        string hallId, string itemId, Guid movementId, string fingerprint, SupplyServices services,
        Func<SupplyMovement, SanitationDbContext, Task<OneOf>> store, Func<KnownHall, SupplyMovement> draft, CancellationToken cancellationToken)
    {
        var db = services.Db;
        var hall = await db.Halls.AsNoTracking().SingleOrDefaultAsync(h => h.HallId == hallId && h.Version > 0, cancellationToken);
        if (hall is null)
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        if (await ReplayAsync(db, movementId, fingerprint, services.Response, cancellationToken) is { } replay)
        {
            return replay;
        }

        OneOf result;
        try
        {
            result = await store(draft(hall), db);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return await ReplayAsync(db, movementId, fingerprint, services.Response, cancellationToken)
                ?? SanitationProblems.StoredMeanwhile("该出入库记录", "The movement");
        }

        return result.Movement is { } stored
            ? TypedResults.Created($"/api/v1/halls/{hallId}/sanitation/supplies", SupplyMovementView.From(stored))
            : result.Problem!;
    }

    private static SupplyMovement Draft(KnownHall hall, string itemId, Guid id, SupplyMovementKind kind, int count, string? staffId, string? supplier, string? batch, string fingerprint, SupplyServices services)
    {
        var now = services.TimeProvider.GetUtcNow();
        return new SupplyMovement
        {
            MovementId = id,
            HallId = hall.HallId,
            ItemId = itemId,
            Kind = kind,
            Count = count,
            StaffId = staffId,
            Supplier = supplier,
            Batch = batch,
            RecordedBy = services.User.Subject(),
            At = now,
            LocalDate = HallTime.LocalDate(hall.TimeZone, now),
            Fingerprint = fingerprint,
        };
    }

    private static async Task<Results<Created<SupplyMovementView>, Ok<SupplyMovementView>, ProblemHttpResult>?> ReplayAsync(
        SanitationDbContext db, Guid movementId, string fingerprint, HttpResponse response, CancellationToken cancellationToken)
    {
        var stored = await db.SupplyMovements.AsNoTracking().SingleOrDefaultAsync(m => m.MovementId == movementId, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        if (stored.Fingerprint != fingerprint)
        {
            return Problem.Of(StatusCodes.Status409Conflict, SanitationProblems.SupplyMovementIdReused, new Bilingual($"编号“{movementId}”已用于另一笔入库或发放。", $"'{movementId}' was used for another receipt or issue."));
        }

        response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Ok(SupplyMovementView.From(stored));
    }

    /// <summary>A store's answer: the ledger line, or the problem instead.</summary>
    private readonly record struct OneOf(SupplyMovement? Movement, ProblemHttpResult? Problem)
    {
        public static implicit operator OneOf(SupplyMovement movement) => new(movement, null);

        public static implicit operator OneOf(ProblemHttpResult problem) => new(null, problem);
    }
}
