namespace CivicHall.ServiceDefaults.Problems;

/// <summary>
/// Stable machine codes of problem responses and their messages in zh-CN (default) and en.
/// Services register their own codes with <see cref="ProblemCatalog.Add"/>.
/// </summary>
public static class ProblemCodes
{
    public const string BadRequest = "bad_request";
    public const string ValidationFailed = "validation_failed";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Conflict = "conflict";
    public const string ConcurrentUpdate = "concurrent_update";
    public const string PreconditionFailed = "precondition_failed";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string TooManyRequests = "too_many_requests";
    public const string InternalError = "internal_error";
    public const string ServiceUnavailable = "service_unavailable";
    public const string TemporarilyUnavailable = "temporarily_unavailable";
}
