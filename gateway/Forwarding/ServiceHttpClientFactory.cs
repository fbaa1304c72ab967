using Yarp.ReverseProxy.Forwarder;

namespace CivicHall.Gateway.Forwarding;

/// <summary>
/// YARP's client to the services (its own SocketsHttpHandler settings, unchanged) with
/// <see cref="OneWriteRequestHandler"/> in front: a small request reaches its service in one write.
/// </summary>
public sealed class ServiceHttpClientFactory(ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
{
    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler)
        => new OneWriteRequestHandler { InnerHandler = base.WrapHandler(context, handler) };
}
