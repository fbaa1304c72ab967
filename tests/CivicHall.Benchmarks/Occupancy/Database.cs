namespace CivicHall.Benchmarks.Occupancy;

/// <summary>The PostgreSQL that scripts/run's services use (scripts/infra's role).</summary>
internal static class Database
{
    public static string ConnectionString(string database) =>
        $"Host=localhost;Port=5432;Database={database};Username=civichall;Password=civichall;SSL Mode=Disable;Pooling=false";
}
