namespace CivicHall.Gateway;

/// <summary>
/// Names the gateway's assembly for the integration tests, which host it with
/// <c>WebApplicationFactory&lt;GatewayEntryPoint&gt;</c>: its <c>Program</c> is in the global namespace,
/// as each service's is, so the tests cannot name it.
/// </summary>
public sealed class GatewayEntryPoint;
