using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CivicHall.ServiceDefaults.Problems;

/// <summary>
/// A request the framework could not read (malformed JSON, a field of the wrong type or with a control
/// character, a query value that is not a date, a required parameter missing, a body too large) is the
/// caller's mistake: answer with its 4xx problem — <c>validation_failed</c> naming the field where the
/// framework says which — never a 500. Minimal APIs throw <see cref="BadHttpRequestException"/> for
/// these in every environment (<see cref="RouteHandlerOptions.ThrowOnBadRequest"/>), so that they all
/// come here rather than leaving as an empty 400.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var status = badRequest.StatusCode;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status };
        if (status == StatusCodes.Status400BadRequest && FieldOf(badRequest) is { } field)
        {
            problem.Extensions["code"] = ProblemCodes.ValidationFailed;
            problem.Extensions["errors"] = new Dictionary<string, string[]>(StringComparer.Ordinal) { [field.Name] = [field.Message] };
        }
        else if (status == StatusCodes.Status400BadRequest)
        {
            problem.Detail = "The request body could not be read as the expected JSON.";
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception })
            .ConfigureAwait(false);
    }

    /// <summary>The field or parameter the framework names, and what to tell the caller about it.</summary>
    private static (string Name, string Message)? FieldOf(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var name = FieldName(json.Path);
            // Our own converters' messages are written for callers; the serializer's own name .NET types.
            var message = json.Message.Contains("Path:", StringComparison.Ordinal) || json.Message.Contains("System.", StringComparison.Ordinal)
                ? "Not valid JSON, or not a value of this field's type."
                : json.Message;
            return (name, message);
        }

        var match = ParameterMessage().Match(exception.Message);
        if (!match.Success)
        {
            return null;
        }

        // A body is named "body", whatever the handler's parameter is called; a property of an [AsParameters] record
        // (PascalCase in C#) is named as the query spells it, in camelCase.
        var parameter = exception.Message.EndsWith("from body.", StringComparison.Ordinal)
            ? "body"
            : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(match.Groups["name"].Value);
        return match.Groups["required"].Success
            ? (parameter, "Required.")
            : (parameter, "Not a valid value of this parameter's type.");
    }

    /// <summary><c>$.person.name</c> → <c>person.name</c>; <c>$</c> or none → <c>body</c>.</summary>
    private static string FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    // "Failed to bind parameter "DateOnly date" from "2026-02-30"." and
    // "Required parameter "string reason" was not provided from query string."
    [GeneratedRegex("""^(?:Failed to bind parameter|(?<required>Required parameter)) "[^"]*? (?<name>[A-Za-z_][A-Za-z0-9_]*)"(?: from| was not provided)""", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterMessage();
}

internal static class BadRequestExceptionHandlerSetup
{
    public static IServiceCollection AddBadRequestHandling(this IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services.AddExceptionHandler<BadRequestExceptionHandler>();
    }
}
