using System.Collections.Concurrent;

namespace CivicHall.ServiceDefaults.Problems;

/// <summary>The message of each problem code in each supported language.</summary>
public static class ProblemCatalog
{
    private static readonly ConcurrentDictionary<string, (string Chinese, string English)> Messages = new(StringComparer.Ordinal)
    {
        [ProblemCodes.BadRequest] = ("请求格式错误", "The request is malformed."),
        [ProblemCodes.ValidationFailed] = ("请求参数校验失败", "One or more fields are invalid."),
        [ProblemCodes.Unauthenticated] = ("需要有效的身份凭证", "A valid access token is required."),
        [ProblemCodes.Forbidden] = ("无权执行此操作", "You are not allowed to do this."),
        [ProblemCodes.NotFound] = ("资源不存在", "The resource does not exist."),
        [ProblemCodes.MethodNotAllowed] = ("不支持该请求方法", "The method is not allowed on this resource."),
        [ProblemCodes.Conflict] = ("请求与当前状态冲突", "The request conflicts with the current state."),
        [ProblemCodes.ConcurrentUpdate] = ("数据已被他人修改，请刷新后重试", "The resource was changed by someone else; reload and retry."),
        [ProblemCodes.PreconditionFailed] = ("版本不匹配，请刷新后重试", "The resource version does not match If-Match."),
        [ProblemCodes.PayloadTooLarge] = ("请求内容过大", "The request body is too large."),
        [ProblemCodes.UnsupportedMediaType] = ("不支持的内容类型", "The content type is not supported."),
        [ProblemCodes.TooManyRequests] = ("请求过于频繁，请稍后再试", "Too many requests; try again later."),
        [ProblemCodes.InternalError] = ("服务器内部错误", "An unexpected error occurred."),
        [ProblemCodes.ServiceUnavailable] = ("服务暂不可用", "The service is temporarily unavailable."),
        [ProblemCodes.TemporarilyUnavailable] = ("服务暂时不可用，请稍后重试", "A service this request needs is unavailable; retry shortly."),
    };

    public static void Add(string code, string chinese, string english) => Messages[code] = (chinese, english);

    /// <summary>Every code this process has registered, in code order.</summary>
    public static IReadOnlyList<string> Codes => [.. Messages.Keys.Order(StringComparer.Ordinal)];

    public static bool Contains(string code) => Messages.ContainsKey(code);

    public static string Message(string code, bool english) =>
        Messages.TryGetValue(code, out var message) ? (english ? message.English : message.Chinese) : code;

    public static string CodeForStatus(int status) => status switch
    {
        400 => ProblemCodes.BadRequest,
        401 => ProblemCodes.Unauthenticated,
        403 => ProblemCodes.Forbidden,
        404 => ProblemCodes.NotFound,
        405 => ProblemCodes.MethodNotAllowed,
        409 => ProblemCodes.Conflict,
        412 => ProblemCodes.PreconditionFailed,
        413 => ProblemCodes.PayloadTooLarge,
        415 => ProblemCodes.UnsupportedMediaType,
        429 => ProblemCodes.TooManyRequests,
        503 => ProblemCodes.ServiceUnavailable,
        _ => ProblemCodes.InternalError,
    };
}
