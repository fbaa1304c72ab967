using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CivicHall.ServiceDefaults.Problems;

internal static partial class ProblemDetailsSetup
{
    /// <summary>The log category of the one line written for every problem answer.</summary>
    public const string LogCategory = "CivicHall.Problems";

    /// <summary>
    /// Every problem leaves with a stable <c>code</c>, its <c>type</c> the page that explains the code
    /// (<see cref="ProblemTypes"/>), a title and a detail in the caller's language (zh-CN unless
    /// Accept-Language prefers English), and the trace id to quote to support — never a stack trace.
    /// The same trace id is written in the service's log line for the answer, so that a caller's
    /// complaint leads to it.
    /// </summary>
    public static IServiceCollection AddCivicHallProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var http = context.HttpContext;
            var status = problem.Status ?? http.Response.StatusCode;
            if (!problem.Extensions.TryGetValue("code", out var code) || code is not string)
            {
                code = ProblemCatalog.CodeForStatus(status);
                problem.Extensions["code"] = code;
            }

            var english = PrefersEnglish(http.Request);
            problem.Title = ProblemCatalog.Message((string)code, english);
            if (problem is LocalizedProblemDetails { LocalizedDetail: { } detail })
            {
                problem.Detail = detail.In(english);
            }

            problem.Type = ProblemTypes.Uri((string)code);
            problem.Instance ??= http.Request.Path;
            var traceId = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
            problem.Extensions["traceId"] = traceId;
            if (status >= 500)
            {
                problem.Detail = null;
            }

            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
            if (status >= 500)
            {
                LogServerProblem(logger, http.Request.Method, Printable(http.Request.Path), status, (string)code, traceId);
            }
            else
            {
                LogClientProblem(logger, http.Request.Method, Printable(http.Request.Path), status, (string)code, traceId);
            }
        });

    /// <summary>A path as a log line may show it: control characters escaped, at most 300 characters.</summary>
    private static string Printable(PathString path)
    {
        var value = path.Value ?? string.Empty;
        if (value.Length > 300)
        {
            value = string.Concat(value.AsSpan(0, 300), "…");
        }

        return value.Any(char.IsControl)
            ? string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()))
            : value;
    }

    public static bool PrefersEnglish(HttpRequest request)
    {
        var languages = request.GetTypedHeaders().AcceptLanguage;
        if (languages is null || languages.Count == 0)
        {
            return false;
        }

        var preferred = languages.OrderByDescending(l => l.Quality ?? 1.0).First().Value.Value ?? string.Empty;
        return preferred.StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "{Method} {Path} answered {Status} {Code} traceId={TraceId}")]
    private static partial void LogClientProblem(ILogger logger, string method, string path, int status, string code, string traceId);

    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "{Method} {Path} answered {Status} {Code} traceId={TraceId}")]
    private static partial void LogServerProblem(ILogger logger, string method, string path, int status, string code, string traceId);
}
