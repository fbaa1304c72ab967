using System.ComponentModel.DataAnnotations;
using CivicHall.Booking.Replanning;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Paging;
using CivicHall.ServiceDefaults.Requests;
using Npgsql;

namespace CivicHall.Booking.Items;

/// <summary><c>/api/v1/halls/{hallId}/service-items</c>: the 事项 a hall offers and where each is served.</summary>
public static class ServiceItemEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapServiceItemEndpoints(this IEndpointRouteBuilder app)
    {
        var items = app.MapGroup("/api/v1/halls/{hallId}/service-items").WithTags("Service items");
        items.MapGet("/", ListItems).WithName("ListServiceItems")
            .WithSummary("List a hall's service items (事项)")
            .WithDescription(
                "Active items, by `windowGroup` then `itemId` (both ascending, ordinal); `includeInactive=true` lists withdrawn ones too. "
                + $"`limit` (1–{MaxLimit}, {DefaultLimit}) and the previous page's `nextCursor`; the answer is `{{hallId, items, nextCursor}}`.")
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown);
        items.MapGet("/{itemId}", GetItem).WithName("GetServiceItem")
            .WithSummary("Read a service item")
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown, BookingProblems.ItemUnknown);
        items.MapPut("/{itemId}", PutItem).WithName("PutServiceItem").RequireAuthorization(Roles.Ops)
            .WithSummary("Create or replace a service item")
            .WithDescription("Answers 201 when the item is new, 200 otherwise; the hall's planned days are re-planned.")
            .WithRequestExample("""
                {"name": "养老金申领", "windowGroup": "social", "minutesPerCase": 10, "onlineCapable": true, "onlineRoute": "https://zwdt.sh.gov.cn/item/pension"}
                """)
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, ProblemCodes.ConcurrentUpdate);
        return app;
    }

    private static async Task<Results<Ok<ServiceItemList>, ProblemHttpResult>> ListItems(
        string hallId,
        bool? includeInactive,
        [Range(1, MaxLimit)] int? limit,
        [StringLength(ServiceItemCursor.MaxLength)] string? cursor,
        BookingDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        PageQuery.CheckLimit(errors, limit, MaxLimit);
        var after = PageQuery.CheckCursor<ServiceItemCursor>(errors, cursor, ServiceItemCursor.TryParse);

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return BookingProblems.UnknownHall(hallId);
        }

        // After a cursor: a row comparison in byte order ("C" collation), the order of the sort below.
        var query = (after is { } c
                ? db.ServiceItems.FromSql($"SELECT * FROM service_items WHERE (window_group COLLATE \"C\", item_id COLLATE \"C\") > ({c.WindowGroup}, {c.ItemId})")
                : db.ServiceItems)
            .AsNoTracking().Where(i => i.HallId == hallId);
        if (includeInactive != true)
        {
            query = query.Where(i => i.Active);
        }

        var take = limit ?? DefaultLimit;
        var items = await query
            .OrderBy(i => EF.Functions.Collate(i.WindowGroup, "C")).ThenBy(i => EF.Functions.Collate(i.ItemId, "C"))
            .Take(take + 1)
            .ToListAsync(cancellationToken);
        var next = items.Count > take ? new ServiceItemCursor(items[take - 1].WindowGroup, items[take - 1].ItemId).Encode() : null;
        return TypedResults.Ok(new ServiceItemList(hallId, [.. items.Take(take).Select(ServiceItemResponse.From)], next));
    }

    private static async Task<Results<Ok<ServiceItemResponse>, ProblemHttpResult>> GetItem(
        string hallId, string itemId, BookingDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return BookingProblems.UnknownHall(hallId);
        }

        var item = await db.ServiceItems.AsNoTracking().FirstOrDefaultAsync(i => i.HallId == hallId && i.ItemId == itemId, cancellationToken);
        return item is null
            ? BookingProblems.UnknownItem(hallId, itemId, active: false)
            : TypedResults.Ok(ServiceItemResponse.From(item));
    }

    private static async Task<Results<Ok<ServiceItemResponse>, Created<ServiceItemResponse>, ProblemHttpResult>> PutItem(
        string hallId,
        string itemId,
        PutServiceItemRequest? request,
        BookingDbContext db,
        ReplanSignal replanning,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var errors = Validate(itemId, request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return BookingProblems.UnknownHall(hallId);
        }

        var item = await db.ServiceItems.FirstOrDefaultAsync(i => i.HallId == hallId && i.ItemId == itemId, cancellationToken);
        var created = item is null;
        if (item is null)
        {
            item = new ServiceItem { HallId = hallId, ItemId = itemId };
            db.ServiceItems.Add(item);
        }

        item.Name = request!.Name!.Trim();
        item.WindowGroup = request.WindowGroup!;
        item.MinutesPerCase = request.MinutesPerCase!.Value;
        item.OnlineCapable = request.OnlineCapable ?? false;
        item.OnlineRoute = item.OnlineCapable ? request.OnlineRoute!.Trim() : null;
        item.OnSiteAllowed = request.OnSiteAllowed ?? true;
        item.Active = request.Active ?? true;
        item.UpdatedAt = timeProvider.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problem.ConcurrentUpdate(new Bilingual($"事项“{itemId}”刚被同时创建，请刷新后重试。", $"Item '{itemId}' was created at the same time; reload and retry."));
        }

        replanning.Nudge();
        var body = ServiceItemResponse.From(item);
        return created ? TypedResults.Created($"/api/v1/halls/{hallId}/service-items/{itemId}", body) : TypedResults.Ok(body);
    }

    private static Dictionary<string, string[]> Validate(string itemId, PutServiceItemRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Identifier.IsValid(itemId))
        {
            errors["itemId"] = [Identifier.Rule];
        }

        if (request is null)
        {
            errors["body"] = ["A JSON body describing the item is required."];
            return errors;
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200)
        {
            errors["name"] = ["Required, at most 200 characters."];
        }

        if (!Identifier.IsValid(request.WindowGroup))
        {
            errors["windowGroup"] = [$"Required. {Identifier.Rule}"];
        }

        if (request.MinutesPerCase is not (>= 1 and <= 480))
        {
            errors["minutesPerCase"] = ["Required, between 1 and 480."];
        }

        if (request.OnlineCapable == true && (string.IsNullOrWhiteSpace(request.OnlineRoute) || request.OnlineRoute.Trim().Length > 500))
        {
            errors["onlineRoute"] = ["An online-capable item needs its online route (at most 500 characters)."];
        }

        return errors;
    }
}
