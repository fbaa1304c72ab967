using Npgsql;

namespace CivicHall.Messaging.Persistence;

/// <summary>
/// Runs a database call again when PostgreSQL rolled its transaction back for a deadlock or a
/// serialization failure: nothing of it stayed, so running it again is safe and usually succeeds.
/// Only for work that is its own transaction (or one it begins and ends itself); inside a caller's
/// transaction the caller decides.
/// </summary>
public static class TransientRetry
{
    /// <summary>Tries in all, the first included; the last failure goes to the caller.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Deadlocks and serialization failures: the transaction was rolled back and may simply run again.</summary>
    public static bool IsTransient(PostgresException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
    }

    /// <summary>
    /// Runs <paramref name="work"/>, and again (up to <see cref="MaxAttempts"/> in all) after a transient
    /// failure while <paramref name="mayRetry"/> (when given) says the failed attempt was rolled back whole.
    /// </summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> work, Func<bool>? mayRetry = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (PostgresException ex) when (IsTransient(ex) && attempt < MaxAttempts && (mayRetry?.Invoke() ?? true))
            {
                // Rolled back whole: simply run it again.
            }
        }
    }
}
