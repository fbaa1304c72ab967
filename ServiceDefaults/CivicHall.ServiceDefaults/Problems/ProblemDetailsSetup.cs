using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CivicHall.ServiceDefaults.Problems;

internal static class ProblemDetailsSetup
{
    /// <summary>
    /// Every problem leaves with a stable <c>code</c>, a title in the caller's language (zh-CN unless
    /// Accept-Language prefers English), and the trace id to quote to support — never a stack trace.
    /// </summary>
    public static IServiceCollection AddCivicHallProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (!problem.Extensions.TryGetValue("code", out var code) || code is not string)
            {
                code = ProblemCatalog.CodeForStatus(status);
                problem.Extensions["code"] = code;
            }

            problem.Title = ProblemCatalog.Message((string)code, PrefersEnglish(context.HttpContext.Request));
            problem.Type ??= $"https://civichall.gov.cn/problems/{code}";
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            if (status >= 500)
            {
                problem.Detail = null;
            }
        });

    private static bool PrefersEnglish(HttpRequest request)
    {
        var languages = request.GetTypedHeaders().AcceptLanguage;
        if (languages is null || languages.Count == 0)
        {
            return false;
        }

        var preferred = languages.OrderByDescending(l => l.Quality ?? 1.0).First().Value.Value ?? string.Empty;
        return preferred.StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }
}
