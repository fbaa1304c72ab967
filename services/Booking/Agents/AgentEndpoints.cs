using System.Security.Claims;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Requests;
using Npgsql;

namespace CivicHall.Booking.Agents;

/// <summary><c>/api/v1/agents/{agentId}</c>: the register of agents (备案).</summary>
public static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/v1/agents").WithTags("Agents");
        agents.MapGet("/{agentId}", GetAgent).WithName("GetAgent").RequireAuthorization(policy => policy.RequireRole(Roles.Ops, Roles.Agent, Roles.DutyLeader))
            .WithSummary("Read an agent's registration")
            .WithDescription("Ops and duty leaders read any agent; an agent only their own (the token's subject), any other is 404.")
            .ProducesProblems(StatusCodes.Status404NotFound, ProblemCodes.NotFound);
        agents.MapPut("/{agentId}", PutAgent).WithName("PutAgent").RequireAuthorization(Roles.Ops)
            .WithSummary("Register an agent or change the registration (备案)")
            .WithDescription("`agentId` is the agent's token subject. Answers 201 when the agent is new, 200 otherwise.")
            .WithRequestExample("""
                {"name": "王五", "organisation": "上海某某代办服务有限公司", "registrationNo": "BA-2026-0001", "maxBatchSize": 20, "active": true}
                """)
            .ProducesProblems(StatusCodes.Status409Conflict, ProblemCodes.ConcurrentUpdate);
        return app;
    }

    private static async Task<Results<Ok<AgentResponse>, ProblemHttpResult>> GetAgent(
        string agentId, ClaimsPrincipal user, BookingDbContext db, CancellationToken cancellationToken)
    {
        var agent = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.AgentId == agentId, cancellationToken);
        var self = user.Subject();
        return agent is null || (user.IsInRole(Roles.Agent) && !user.IsInRole(Roles.Ops) && self != agentId)
            ? Problem.NotFound(new Bilingual($"代办人“{agentId}”未备案。", $"Agent '{agentId}' is not registered."))
            : TypedResults.Ok(AgentResponse.From(agent));
    }

    private static async Task<Results<Ok<AgentResponse>, Created<AgentResponse>, ProblemHttpResult>> PutAgent(
        string agentId, PutAgentRequest? request, ClaimsPrincipal user, BookingDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Identifier.IsValid(agentId))
        {
            errors["agentId"] = [$"The agent's token subject, as an id. {Identifier.Rule}"];
        }

        if (request is null)
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["body"] = ["A JSON body describing the agent is required."] });
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100)
        {
            errors["name"] = ["Required, at most 100 characters."];
        }

        if (string.IsNullOrWhiteSpace(request.Organisation) || request.Organisation.Trim().Length > 200)
        {
            errors["organisation"] = ["Required, at most 200 characters."];
        }

        if (string.IsNullOrWhiteSpace(request.RegistrationNo) || request.RegistrationNo.Trim().Length > 64)
        {
            errors["registrationNo"] = ["Required (备案号), at most 64 characters."];
        }

        if (request.MaxBatchSize is < 1 or > 200)
        {
            errors["maxBatchSize"] = ["Between 1 and 200."];
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var agent = await db.Agents.FirstOrDefaultAsync(a => a.AgentId == agentId, cancellationToken);
        var created = agent is null;
        if (agent is null)
        {
            agent = new Agent { AgentId = agentId };
            db.Agents.Add(agent);
        }

        agent.Name = request.Name!.Trim();
        agent.Organisation = request.Organisation!.Trim();
        agent.RegistrationNo = request.RegistrationNo!.Trim();
        agent.MaxBatchSize = request.MaxBatchSize ?? 20;
        agent.Active = request.Active ?? true;
        agent.RegisteredBy = user.Subject();
        agent.UpdatedAt = timeProvider.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problem.ConcurrentUpdate(new Bilingual($"代办人“{agentId}”刚被同时备案，请刷新后重试。", $"Agent '{agentId}' was registered at the same time; reload and retry."));
        }

        var body = AgentResponse.From(agent);
        return created ? TypedResults.Created($"/api/v1/agents/{agentId}", body) : TypedResults.Ok(body);
    }
}
