using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Occupancy.Door;

/// <summary><c>POST /api/v1/halls/{hallId}/exits</c>: a person leaves; their place goes to the head of the queue.</summary>
public static class ExitEndpoints
{
    public static IEndpointRouteBuilder MapExitEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/halls/{hallId}/exits").WithTags("Occupancy")
            .MapPost("/", Exit).WithName("RecordExit")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Screener, Roles.DutyLeader))
            .WithSummary("Record a person leaving")
            .WithDescription(
                "Frees the place and lets the head of the queue in, in one transaction, and answers with whom it let in and the hall's totals. "
                + "An exit without an entry is 409 `not_inside` and counts nothing; the gate's `exitId` sent again answers 200 with "
                + "`Idempotent-Replayed: true` and counts nothing either.")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: this exit was recorded before.")
            .WithRequestExample("""
                {"exitId": "0193a4b2-5c6d-7e8f-9a0b-1c2d3e4f5a6c", "idNumber": "990101198001011236", "gate": "east"}
                """)
            .ProducesProblems(StatusCodes.Status404NotFound, OccupancyProblems.HallUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, OccupancyProblems.NotInside, OccupancyProblems.ExitIdReused);
        return app;
    }

    /// <summary>
    /// Records the exit and lets the queue in, in one transaction. An exit without an entry is refused
    /// (409 <c>not_inside</c>) and counts nothing; the gate's <c>exitId</c> sent again answers 200 with
    /// <c>Idempotent-Replayed</c> and counts nothing either.
    /// </summary>
    private static async Task<Results<Ok<ExitResponse>, ProblemHttpResult>> Exit(
        string hallId,
        ExitRequest? request,
        HttpResponse httpResponse,
        FloorStore door,
        PersonalDataProtector personalData,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var personKey = PersonKeys.Resolve(request?.IdNumber, request?.PersonKey, personalData, DateOnly.FromDateTime(now.UtcDateTime), out var errors);
        if (request?.Gate is { Length: > 64 })
        {
            errors["gate"] = ["At most 64 characters."];
        }

        if (personKey is null || errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var outcome = await door.ExitAsync(hallId, personKey, request!.ExitId, request.Gate, cancellationToken);
        switch (outcome.Outcome)
        {
            case "exited":
            case "replayed":
                if (outcome.Outcome == "replayed")
                {
                    httpResponse.Headers["Idempotent-Replayed"] = "true";
                }

                return TypedResults.Ok(new ExitResponse(outcome.AdmissionId!.Value, outcome.ZoneId, outcome.LetIn, outcome.Inside, outcome.QueueLength));
            case "hall_unknown":
                return OccupancyProblems.UnknownHall(hallId);
            case "exit_id_reused":
                return Problem.Of(StatusCodes.Status409Conflict, OccupancyProblems.ExitIdReused, new Bilingual(
                    $"离开编号“{request.ExitId}”已用于其他人员或大厅。", $"Exit '{request.ExitId}' was sent before for another person or hall."));
            default:
                return Problem.Of(StatusCodes.Status409Conflict, OccupancyProblems.NotInside, new Bilingual(
                    $"该人员不在大厅“{hallId}”内，本次离开不计数。", $"The person is not inside hall '{hallId}'; the exit is not counted."));
        }
    }
}
