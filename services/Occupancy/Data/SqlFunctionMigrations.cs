using CivicHall.Messaging.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CivicHall.Occupancy.Data;

/// <summary>Applies this service's function files (<c>&lt;Feature&gt;/Sql/&lt;function&gt;.sql</c>) in its migrations.</summary>
internal static class SqlFunctionMigrations
{
    /// <summary>
    /// Creates or replaces function <paramref name="name"/> from its embedded .sql file, written for the
    /// file's <paramref name="version"/> (SqlFunctionFiles.Version; the drift test says the current one).
    /// </summary>
    public static MigrationBuilder ApplySqlFunction(this MigrationBuilder migrationBuilder, string name, string version) =>
        migrationBuilder.ApplySqlFunction(typeof(SqlFunctionMigrations).Assembly, name, version);
}
