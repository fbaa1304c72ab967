using System.ComponentModel.DataAnnotations;
using CivicHall.Messaging.Outbox;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Paging;
using CivicHall.ServiceDefaults.Requests;
using Npgsql;

namespace CivicHall.Occupancy.Halls;

/// <summary>The hall registry: <c>/api/v1/halls</c>.</summary>
public static class HallEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapHallEndpoints(this IEndpointRouteBuilder app)
    {
        var halls = app.MapGroup("/api/v1/halls").WithTags("Halls");
        halls.MapGet("/", ListHalls).WithName("ListHalls")
            .WithSummary("List the halls")
            .WithDescription(
                $"Every hall, or those of one `district`, by `hallId` (ascending, ordinal); `limit` (1–{MaxLimit}, {DefaultLimit}) and the previous "
                + "page's `nextCursor`. The answer is `{halls, nextCursor}`.");
        halls.MapGet("/{hallId}", GetHall).WithName("GetHall")
            .WithSummary("Read a hall")
            .WithDescription("Its opening hours, overrides and zones, and its `ETag` (the version, for `If-Match`).")
            .WithResponseHeader(StatusCodes.Status200OK, "ETag", "The hall's version, for `If-Match`.")
            .ProducesProblems(StatusCodes.Status404NotFound, OccupancyProblems.HallUnknown);
        halls.MapPut("/{hallId}", PutHall).WithName("PutHall").RequireAuthorization(Roles.Ops)
            .WithSummary("Create or replace a hall")
            .WithDescription(
                "The whole configuration, announced to the other services (`HallConfigured`). 201 when new, else 200. `If-Match` with the "
                + "`ETag` of a read refuses a stale replacement (412). A zone that still holds people cannot be removed (409 `zone_occupied`).")
            .WithRequestExample("""
                {"name": "青浦区行政服务中心", "district": "青浦区", "timeZone": "Asia/Shanghai", "openingHours": [{"day": "monday", "opens": "09:00", "closes": "17:00"}], "overrides": [{"date": "2026-12-31", "opens": "09:00", "closes": "12:00", "reason": "年末"}], "zones": [{"zoneId": "floor-1", "kind": "service_floor", "name": "服务区", "areaM2": 1200}, {"zoneId": "waiting-1", "kind": "waiting_area", "name": "等候区", "areaM2": 300}]}
                """)
            .WithRequestHeader("If-Match", required: false, "The `ETag` of the hall as read; another version is 412 `precondition_failed`. `*` matches any.", maxLength: 64)
            .WithResponseHeader(StatusCodes.Status200OK, "ETag", "The hall's new version.")
            .WithResponseHeader(StatusCodes.Status201Created, "ETag", "The hall's version.")
            .ProducesProblems(StatusCodes.Status409Conflict, OccupancyProblems.ZoneOccupied, ProblemCodes.ConcurrentUpdate)
            .ProducesProblems(StatusCodes.Status412PreconditionFailed, ProblemCodes.PreconditionFailed);
        return app;
    }

    private static async Task<Results<Ok<HallList>, ProblemHttpResult>> ListHalls(
        [StringLength(100)] string? district,
        [Range(1, MaxLimit)] int? limit,
        [StringLength(HallCursor.MaxLength)] string? cursor,
        OccupancyDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        PageQuery.CheckLimit(errors, limit, MaxLimit);
        string? after = null;
        if (cursor is not null && !HallCursor.TryParse(cursor, out after))
        {
            errors["cursor"] = [PageQuery.NotACursor];
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        // After a cursor: the ids past it in byte order ("C" collation), the order of the sort below.
        var query = (after is null ? db.Halls : db.Halls.FromSql($"SELECT * FROM halls WHERE id COLLATE \"C\" > {after}")).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(district))
        {
            query = query.Where(h => h.District == district);
        }

        var take = limit ?? DefaultLimit;
        var halls = await query.OrderBy(h => EF.Functions.Collate(h.Id, "C")).Take(take + 1).ToListAsync(cancellationToken);
        var next = halls.Count > take ? HallCursor.Encode(halls[take - 1].Id) : null;
        return TypedResults.Ok(new HallList([.. halls.Take(take).Select(HallResponse.From)], next));
    }

    private static async Task<Results<Ok<HallResponse>, ProblemHttpResult>> GetHall(
        string hallId, HttpResponse response, OccupancyDbContext db, CancellationToken cancellationToken)
    {
        var hall = await db.Halls.AsNoTracking().FirstOrDefaultAsync(h => h.Id == hallId, cancellationToken);
        if (hall is null)
        {
            return OccupancyProblems.UnknownHall(hallId);
        }

        response.Headers.ETag = ETag(hall.Version);
        return TypedResults.Ok(HallResponse.From(hall));
    }

    /// <summary>
    /// Creates or replaces a hall. Optimistic concurrency: <c>If-Match</c> with the ETag of a previous
    /// read refuses a stale write (412); two writers racing without it get one success and one 409.
    /// A PUT that changes nothing keeps the version and publishes nothing.
    /// </summary>
    private static async Task<Results<Ok<HallResponse>, Created<HallResponse>, ProblemHttpResult>> PutHall(
        string hallId,
        PutHallRequest? request,
        HttpRequest httpRequest,
        HttpResponse response,
        OccupancyDbContext db,
        IFloorPlanStore planner,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (!HallValidation.IsValidId(hallId))
        {
            return Problem.Validation(new Dictionary<string, string[]>
            {
                ["hallId"] = [Identifier.Rule],
            });
        }

        var layout = HallValidation.Validate(request, out var errors);
        if (layout is null)
        {
            return Problem.Validation(errors);
        }

        var hall = await db.Halls.FirstOrDefaultAsync(h => h.Id == hallId, cancellationToken);
        var ifMatch = httpRequest.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && ifMatch != "*" && (hall is null || ifMatch != ETag(hall.Version)))
        {
            return Problem.PreconditionFailed(new Bilingual($"大厅“{hallId}”不是版本 {ifMatch}。", $"Hall '{hallId}' is not at version {ifMatch}."));
        }

        var now = timeProvider.GetUtcNow();
        var created = hall is null;
        if (hall is null)
        {
            hall = new Hall { Id = hallId, CreatedAt = now };
            db.Halls.Add(hall);
        }

        if (hall.Configure(layout, now) is { } configured)
        {
            db.AddIntegrationEvent(configured, timeProvider);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Problem.ConcurrentUpdate(new Bilingual($"大厅“{hallId}”刚被同时修改，请刷新后重试。", $"Hall '{hallId}' was changed at the same time; reload and retry."));
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return Problem.ConcurrentUpdate(new Bilingual($"大厅“{hallId}”刚被同时创建，请刷新后重试。", $"Hall '{hallId}' was created at the same time; reload and retry."));
            }

            // The zones' capacities follow the new layout in the same transaction.
            if (await planner.ApplyAsync(hall, cancellationToken) is { } occupied)
            {
                return Problem.Of(
                    StatusCodes.Status409Conflict, OccupancyProblems.ZoneOccupied,
                    new Bilingual(
                        $"区域 {string.Join("、", occupied)} 内仍有人员，请先疏导后再删除。",
                        $"Zone(s) {string.Join(", ", occupied)} still hold people; move them out before removing the zone."));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        response.Headers.ETag = ETag(hall.Version);
        var body = HallResponse.From(hall);
        return created ? TypedResults.Created($"/api/v1/halls/{hallId}", body) : TypedResults.Ok(body);
    }

    private static string ETag(long version) => $"\"{version}\"";
}
