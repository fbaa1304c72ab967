using CivicHall.Sanitation.Plans;
using CivicHall.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore.Query;
using static CivicHall.Sanitation.Waste.WasteEndpoints;

namespace CivicHall.Sanitation.Waste;

/// <summary>
/// A bag's steps, <c>bagged → sealed → disinfected → handed_over</c>: each a conditional UPDATE from the state
/// before it, each stored with its request's fingerprint so the same request again answers 200 replayed.
/// </summary>
public static class WasteStepEndpoints
{
    private const string StepsInOrder = "Steps go `bagged → sealed → disinfected → handed_over`: a step from any other state (or one already done with another body) is 409 `waste_bag_step_out_of_order` with the bag's `state` and its `nextStep`. The same step and body again: 200 with `Idempotent-Replayed: true`.";

    public static void Map(RouteGroupBuilder bags)
    {
        ArgumentNullException.ThrowIfNull(bags);
        bags.MapPost("/{bagId}/seal", Seal).WithName("SealSanitationWasteBag")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader))
            .WithSummary("Seal a bag")
            .WithDescription("Double-bagged and sealed with a goose-neck tie (鹅颈结): `bagged → sealed`, with optional `notes` (the body may be left out). " + StepsInOrder)
            .WithRequestExample("""{"notes": "双层包装，鹅颈结封口"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: the bag was sealed before with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown, SanitationProblems.WasteBagUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, SanitationProblems.WasteBagStepOutOfOrder);
        bags.MapPost("/{bagId}/disinfected", Disinfect).WithName("DisinfectSanitationWasteBag")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader))
            .WithSummary("Record a bag's outside disinfected")
            .WithDescription("Sprayed with chlorine-containing disinfectant (`agent`, default `chlorine`) of the measured `strength` (mg/L): `sealed → disinfected`. The strength must lie in the plan in force's `wasteBagStrength` (1000–2000 mg/L by default, seed 000 §七): otherwise 422 `strength_out_of_range` with `min`, `max` and `unit`, nothing stored. " + StepsInOrder)
            .WithRequestExample("""{"agent": "chlorine", "strength": 1500, "notes": "外表面喷洒"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: the bag was recorded disinfected before with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown, SanitationProblems.WasteBagUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, SanitationProblems.WasteBagStepOutOfOrder)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, SanitationProblems.StrengthOutOfRange);
        bags.MapPost("/{bagId}/handover", Handover).WithName("HandOverSanitationWasteBag")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader))
            .WithSummary("Hand a bag over to a licensed collector")
            .WithDescription("`disinfected → handed_over`: the licensed collector's `collectorCompany`, the `collectorName` of who took it and the `handoverNumber` (联单号), all required. A bag handed over is no longer open. " + StepsInOrder)
            .WithRequestExample("""{"collectorCompany": "上海市固体废物处置有限公司", "collectorName": "王师傅", "handoverNumber": "SH-2026-120100017"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: the bag was handed over before with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown, SanitationProblems.WasteBagUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, SanitationProblems.WasteBagStepOutOfOrder);
    }

    private static async Task<Results<Ok<WasteBagView>, ProblemHttpResult>> Seal(
        string hallId, string bagId, SealWasteBagRequest? request, [AsParameters] WasteServices services, CancellationToken cancellationToken)
    {
        var errors = WasteValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var (by, now) = (services.User.Subject(), services.TimeProvider.GetUtcNow());
        return await StepAsync(hallId, bagId, WasteStep.Seal, WasteValidation.Fingerprint(hallId, bagId, request), services, null, fingerprint => s => s
            .SetProperty(b => b.SealedAt, now).SetProperty(b => b.SealedBy, by).SetProperty(b => b.SealNotes, request?.Notes)
            .SetProperty(b => b.SealFingerprint, fingerprint), cancellationToken);
    }

    private static async Task<Results<Ok<WasteBagView>, ProblemHttpResult>> Disinfect(
        string hallId, string bagId, DisinfectWasteBagRequest? request, [AsParameters] WasteServices services, CancellationToken cancellationToken)
    {
        var errors = WasteValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var (by, now) = (services.User.Subject(), services.TimeProvider.GetUtcNow());
        var strength = Math.Round(request!.Strength!.Value, 2);
        async Task<ProblemHttpResult?> CheckStrength()
        {
            var allowed = (await SanitationPlans.InForceAsync(services.Db, hallId, now, cancellationToken)).WasteBagStrength;
            return strength >= allowed.Min && strength <= allowed.Max
                ? null
                : Problem.Of(StatusCodes.Status422UnprocessableEntity, SanitationProblems.StrengthOutOfRange,
                    new Bilingual(
                        $"现行方案要求废物袋外表面消毒剂浓度为 {allowed.Min}–{allowed.Max} {allowed.Unit}，实测为 {strength}。",
                        $"The plan in force allows {allowed.Min}–{allowed.Max} {allowed.Unit} on the outside of a waste bag; {strength} was measured."),
                    new Dictionary<string, object?> { ["min"] = allowed.Min, ["max"] = allowed.Max, ["unit"] = allowed.Unit });
        }

        return await StepAsync(hallId, bagId, WasteStep.Disinfect, WasteValidation.Fingerprint(hallId, bagId, request), services, CheckStrength, fingerprint => s => s
            .SetProperty(b => b.DisinfectedAt, now).SetProperty(b => b.DisinfectedBy, by).SetProperty(b => b.Agent, request.Agent ?? Agents.Chlorine)
            .SetProperty(b => b.Strength, strength).SetProperty(b => b.StrengthUnit, Agents.MilligramsPerLitre)
            .SetProperty(b => b.DisinfectionNotes, request.Notes).SetProperty(b => b.DisinfectionFingerprint, fingerprint), cancellationToken);
    }

    private static async Task<Results<Ok<WasteBagView>, ProblemHttpResult>> Handover(
        string hallId, string bagId, HandoverWasteBagRequest? request, [AsParameters] WasteServices services, CancellationToken cancellationToken)
    {
        var errors = WasteValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var (by, now) = (services.User.Subject(), services.TimeProvider.GetUtcNow());
        return await StepAsync(hallId, bagId, WasteStep.Handover, WasteValidation.Fingerprint(hallId, bagId, request!), services, null, fingerprint => s => s
            .SetProperty(b => b.HandedOverAt, now).SetProperty(b => b.HandedOverBy, by)
            .SetProperty(b => b.CollectorCompany, request!.CollectorCompany!.Trim()).SetProperty(b => b.CollectorName, request.CollectorName!.Trim())
            .SetProperty(b => b.HandoverNumber, request.HandoverNumber!.Trim()).SetProperty(b => b.HandoverNotes, request.Notes)
            .SetProperty(b => b.HandoverFingerprint, fingerprint), cancellationToken);
    }

    /// <summary>
    /// The shared path of a step: the hall, the bag, a replay (this step done with this body), the order, the
    /// step's own check, then the conditional UPDATE; when that finds the bag moved, a replay again (the same
    /// request raced in) or out of order.
    /// </summary>
    private static async Task<Results<Ok<WasteBagView>, ProblemHttpResult>> StepAsync(
        string hallId,
        string bagId,
        WasteStep step,
        string fingerprint,
        WasteServices services,
        Func<Task<ProblemHttpResult?>>? check,
        Func<string, Action<UpdateSettersBuilder<WasteBag>>> set,
        CancellationToken cancellationToken)
    {
        var db = services.Db;
        if (!await db.Halls.IsKnownAsync(hallId, cancellationToken))
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        if (await WasteStore.FindAsync(db, hallId, bagId, cancellationToken) is not { } bag)
        {
            return BagUnknown(hallId, bagId);
        }

        if (Replayed(bag, step, fingerprint, services.Response) is { } replay)
        {
            return replay;
        }

        if (!bag.Allows(step))
        {
            return OutOfOrder(bag, step);
        }

        if (check is not null && await check() is { } refused)
        {
            return refused;
        }

        if (!await WasteStore.StepAsync(db, hallId, bagId, step, set(fingerprint), cancellationToken))
        {
            // Another request took a step first: this very one sent again at the same time (a replay), or another.
            var moved = (await WasteStore.FindAsync(db, hallId, bagId, cancellationToken))!;
            return Replayed(moved, step, fingerprint, services.Response) is { } raced ? raced : OutOfOrder(moved, step);
        }

        return TypedResults.Ok(WasteBagView.From((await WasteStore.FindAsync(db, hallId, bagId, cancellationToken))!));
    }

    private static Ok<WasteBagView>? Replayed(WasteBag bag, WasteStep step, string fingerprint, HttpResponse response)
    {
        if (bag.FingerprintOf(step) != fingerprint)
        {
            return null;
        }

        response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Ok(WasteBagView.From(bag));
    }

    private static ProblemHttpResult OutOfOrder(WasteBag bag, WasteStep step)
    {
        var next = WasteSteps.Next(bag.State);
        var state = EnumText.Of(bag.State);
        return Problem.Of(StatusCodes.Status409Conflict, SanitationProblems.WasteBagStepOutOfOrder,
            next is { } allowed
                ? new Bilingual(
                    $"废物袋“{bag.BagId}”当前为 {state}：下一步应为“{WasteSteps.Name(allowed)}”，而不是“{WasteSteps.Name(step)}”。",
                    $"Bag '{bag.BagId}' is {state}: the next step is '{WasteSteps.Name(allowed)}', not '{WasteSteps.Name(step)}'.")
                : new Bilingual($"废物袋“{bag.BagId}”当前为 {state}：已没有后续步骤。", $"Bag '{bag.BagId}' is {state}: it has no further step."),
            new Dictionary<string, object?> { ["state"] = state, ["nextStep"] = next is { } n ? WasteSteps.Name(n) : null });
    }
}
