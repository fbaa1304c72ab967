namespace CivicHall.Gateway.Forwarding;

/// <summary>
/// Sends a proxied request whose body is small and of known length — every command of the API — in
/// one write, head and body together, instead of two.
/// </summary>
/// <remarks>
/// YARP flushes the request's head before it copies the body, so that a streamed body's head is not held
/// back (gRPC, uploads, <c>Expect: 100-continue</c>). For a body of a few hundred bytes that costs a second
/// packet: a second send in the gateway and, in the service, a second receive and often a second wake-up
/// before the endpoint can read the body it waits for (docs/benchmarks.md, "One write per request").
/// Such a body is held back until it is copied, and the head goes with it; HttpClient sends both when the
/// body is complete. Anything else — no length, more than <see cref="MaxBodyBytes"/>, or an expectation of
/// 100-continue — goes as YARP sends it.
/// </remarks>
public sealed class OneWriteRequestHandler : DelegatingHandler
{
    /// <summary>The largest body held back until it is whole (HttpClient writes up to this much in one send).</summary>
    public const long MaxBodyBytes = 16 * 1024;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is { Headers.ContentLength: > 0 and <= MaxBodyBytes } content && request.Headers.ExpectContinue != true)
        {
            request.Content = new OneWriteContent(content);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
