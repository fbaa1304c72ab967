namespace CivicHall.IntegrationTests.Infrastructure;

/// <summary>
/// Disposes what a test set up, in order, whatever of it exists: after a half-finished set-up some
/// fields are still null, and one failing step must not leave the rest (a system of five hosts, a
/// broker node) running. Failures are rethrown together at the end.
/// </summary>
public static class Teardown
{
    public static async ValueTask DisposeAsync(params object?[] resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var failures = new List<Exception>();
        foreach (var resource in resources)
        {
            try
            {
                switch (resource)
                {
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync();
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }
#pragma warning disable CA1031 // The next resource is still disposed; the failure is rethrown below.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add(ex);
            }
        }

        if (failures.Count == 1)
        {
            throw failures[0];
        }

        if (failures.Count > 1)
        {
            throw new AggregateException("Several resources failed to dispose.", failures);
        }
    }
}
