using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CivicHall.ServiceDefaults.Problems;

/// <summary>
/// A request the framework could not read (malformed JSON, a body too large, a wrong content type)
/// is the caller's mistake: answer with its 4xx problem, never a 500 — also in Development, where
/// ASP.NET Core throws <see cref="BadHttpRequestException"/> instead of answering 400 itself.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Detail = badRequest.StatusCode == StatusCodes.Status400BadRequest
                    ? "The request body could not be read as the expected JSON."
                    : null,
            },
            Exception = exception,
        }).ConfigureAwait(false);
    }
}

internal static class BadRequestExceptionHandlerSetup
{
    public static IServiceCollection AddBadRequestHandling(this IServiceCollection services) =>
        services.AddExceptionHandler<BadRequestExceptionHandler>();
}
