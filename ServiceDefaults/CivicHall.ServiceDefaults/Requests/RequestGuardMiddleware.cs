using CivicHall.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CivicHall.ServiceDefaults.Requests;

/// <summary>
/// Refuses, before any endpoint runs, what no endpoint should have to think about:
/// a body over <see cref="RequestLimitsOptions.MaxBodyBytes"/> (413 <c>payload_too_large</c>, also for a
/// chunked body that grows past it while it is read), a route or query value with a control character,
/// an <c>Idempotency-Key</c> with one, and a route or query id (a parameter named <c>…Id</c>) outside the <see cref="Identifier"/> grammar
/// (400 <c>validation_failed</c> naming the parameter).
/// </summary>
internal sealed class RequestGuardMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options, IProblemDetailsService problems)
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private readonly long _maxBodyBytes = options.Value.MaxBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > _maxBodyBytes)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge,
                new($"请求内容最多 {_maxBodyBytes} 字节。", $"The request body may hold at most {_maxBodyBytes} bytes."), null);
            return;
        }

        // The server enforces the limit on a body without Content-Length as it is read (a
        // BadHttpRequestException with 413, answered by the bad-request handler).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = _maxBodyBytes;
        }

        var errors = InvalidParameters(context.Request);
        if (errors is not null)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, null, errors);
            return;
        }

        await next(context);
    }

    private static Dictionary<string, string[]>? InvalidParameters(HttpRequest request)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text)
            {
                Check(name, text, ref errors);
            }
        }

        // The one header whose value a service stores (booking's idempotency records).
        foreach (var text in request.Headers[IdempotencyKeyHeader])
        {
            if (!PlainText.IsValid(text))
            {
                (errors ??= new(StringComparer.Ordinal))[IdempotencyKeyHeader] = [PlainText.Rule];
            }
        }

        foreach (var (name, values) in request.Query)
        {
            if (!PlainText.IsValid(name))
            {
                (errors ??= new(StringComparer.Ordinal))["query"] = [PlainText.Rule];
                continue;
            }

            foreach (var text in values)
            {
                Check(name, text ?? string.Empty, ref errors);
            }
        }

        return errors;
    }

    private static void Check(string name, string value, ref Dictionary<string, string[]>? errors)
    {
        if (!PlainText.IsValid(value))
        {
            (errors ??= new(StringComparer.Ordinal))[name] = [PlainText.Rule];
        }
        else if (IsId(name) && !Identifier.IsValid(value))
        {
            (errors ??= new(StringComparer.Ordinal))[name] = [Identifier.Rule];
        }
    }

    /// <summary>hallId, zoneId, agentId, staffId, itemId, windowId…: the caller-chosen ids of the API.</summary>
    private static bool IsId(string name) => name.Length > 2 && name.EndsWith("Id", StringComparison.Ordinal);

    private async Task WriteAsync(HttpContext context, int status, string code, Bilingual? detail, Dictionary<string, string[]>? errors)
    {
        context.Response.StatusCode = status;
        var problem = new LocalizedProblemDetails { Status = status, LocalizedDetail = detail, Extensions = { ["code"] = code } };
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
