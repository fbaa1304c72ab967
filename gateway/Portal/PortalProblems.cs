using CivicHall.ServiceDefaults.Problems;

namespace CivicHall.Gateway.Portal;

/// <summary>The gateway's answers to a signed portal request it refuses (README "Portal signing").</summary>
public static class PortalProblems
{
    /// <summary>401: one of the five signature headers is missing (the detail names it).</summary>
    public const string HeadersMissing = "portal_signature_headers_missing";

    /// <summary>401: a signature header breaks its grammar (timestamp not Unix seconds, nonce, citizen id).</summary>
    public const string HeaderInvalid = "portal_signature_header_invalid";

    /// <summary>401: no registered client has this app key.</summary>
    public const string AppKeyUnknown = "portal_app_key_unknown";

    /// <summary>401: the timestamp is outside the window (±5 min by default) of the gateway's clock.</summary>
    public const string TimestampOutOfWindow = "portal_timestamp_out_of_window";

    /// <summary>401: the signature is not the HMAC of the request under any of the client's secrets.</summary>
    public const string SignatureInvalid = "portal_signature_invalid";

    /// <summary>401: this app key used this nonce before, within the window (on any gateway replica).</summary>
    public const string NonceReplayed = "portal_nonce_replayed";

    /// <summary>403: the route the request matched is not one the client may call.</summary>
    public const string RouteNotAllowed = "portal_route_not_allowed";

    public static void Register()
    {
        ProblemCatalog.Add(HeadersMissing, "门户签名请求头不完整", "A header of the portal signature is missing.");
        ProblemCatalog.Add(HeaderInvalid, "门户签名请求头格式错误", "A header of the portal signature is malformed.");
        ProblemCatalog.Add(AppKeyUnknown, "未注册的门户应用标识", "The portal app key is not registered.");
        ProblemCatalog.Add(TimestampOutOfWindow, "门户请求时间戳超出允许范围", "The portal request's timestamp is outside the allowed window.");
        ProblemCatalog.Add(SignatureInvalid, "门户请求签名无效", "The portal request's signature is invalid.");
        ProblemCatalog.Add(NonceReplayed, "门户请求随机数已使用（疑似重放）", "The portal request's nonce was used before (replay).");
        ProblemCatalog.Add(RouteNotAllowed, "该门户应用无权调用此接口", "The portal client may not call this route.");
    }
}
