namespace CivicHall.Benchmarks.Occupancy;

/// <summary>The PostgreSQL that scripts/run's services use (scripts/infra's role).</summary>
internal static class Database
{
    /// <summary>A service's database as scripts/run names it: the benchmarks run on their own (CIVICHALL_DATABASE_SUFFIX).</summary>
    public static string Of(string service) => service + Environment.GetEnvironmentVariable("CIVICHALL_DATABASE_SUFFIX");

    public static string ConnectionString(string database) =>
        $"Host=localhost;Port=5432;Database={database};Username=civichall;Password=civichall;SSL Mode=Disable;Pooling=false";
}
