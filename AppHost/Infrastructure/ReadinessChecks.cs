using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;

namespace CivicHall.AppHost;

/// <summary>
/// Health checks the AppHost runs against the native servers, so that <c>WaitFor</c> releases a service
/// only when its database accepts its role (the wrapper has created it) and the broker accepts its
/// user — not merely when the process has started — and the dashboard shows a server that stops
/// answering.
/// </summary>
internal static class ReadinessChecks
{
    /// <summary>Registers a check that opens a connection with the (late-bound) connection string; returns its key.</summary>
    public static string AddPostgres(IDistributedApplicationBuilder builder, string name, ReferenceExpression connectionString)
    {
        var key = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(key, async cancellationToken =>
        {
            try
            {
                var value = await connectionString.GetValueAsync(cancellationToken).ConfigureAwait(false);
                var connection = new NpgsqlConnection(value + ";Timeout=3;Pooling=false");
                await using (connection.ConfigureAwait(false))
                {
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    using var command = new NpgsqlCommand("SELECT 1", connection);
                    await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                }

                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy(ex.Message);
            }
        });
        return key;
    }

    /// <summary>Registers a check that keeps one AMQP connection open and reports whether it is; returns its key.</summary>
    public static string AddRabbitMq(IDistributedApplicationBuilder builder, string name, ReferenceExpression uri)
    {
        var key = $"{name}_check";
        IConnection? connection = null;
        var gate = new SemaphoreSlim(1, 1);
        builder.Services.AddHealthChecks().AddAsyncCheck(key, async cancellationToken =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (connection is not { IsOpen: true })
                {
                    if (connection is not null)
                    {
                        await connection.DisposeAsync().ConfigureAwait(false);
                        connection = null;
                    }

                    var value = await uri.GetValueAsync(cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidOperationException($"{name} has no URI yet.");
                    var factory = new ConnectionFactory
                    {
                        Uri = new Uri(value),
                        RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
                        ClientProvidedName = "civichall-apphost-health",
                    };
                    connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
                }

                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or InvalidOperationException or TimeoutException or IOException)
            {
                return HealthCheckResult.Unhealthy(ex.Message);
            }
            finally
            {
                gate.Release();
            }
        });
        return key;
    }
}
