using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CivicHall.Messaging.Persistence;

/// <summary>
/// A service's database functions, one file each: <c>&lt;Feature&gt;/Sql/&lt;function&gt;.sql</c> next to the
/// code that calls it, holding the function's current definition (<c>CREATE OR REPLACE FUNCTION …</c>),
/// embedded in the service's assembly as <c>Sql.&lt;function&gt;.sql</c>. Migrations apply a file by name;
/// a change of a function is an edit of its file and a migration that applies it again (README "Migrations").
/// </summary>
public static class SqlFunctionFiles
{
    private const string Prefix = "Sql.";
    private const string Suffix = ".sql";
    private const string MarkerPrefix = "-- sql function file: ";

    /// <summary>The functions <paramref name="assembly"/> has a file for, by name.</summary>
    public static IReadOnlyList<string> Names(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return [.. assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(Prefix, StringComparison.Ordinal) && resource.EndsWith(Suffix, StringComparison.Ordinal))
            .Select(resource => resource[Prefix.Length..^Suffix.Length])
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The text of the file of function <paramref name="name"/>.</summary>
    public static string Read(Assembly assembly, string name)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var stream = assembly.GetManifestResourceStream(Prefix + name + Suffix)
            ?? throw new InvalidOperationException(
                $"{assembly.GetName().Name} has no SQL file for function {name}: expected <Feature>/Sql/{name}.sql, embedded as {Prefix}{name}{Suffix}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The version of a function file's text: the first 12 hex digits of its SHA-256 (line endings as LF).
    /// A migration names the version it was written for; the drift test fails when the last migration
    /// applying a function names another version than its file has (the file changed without a migration).
    /// </summary>
    public static string Version(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n")));
        return Convert.ToHexStringLower(hash)[..12];
    }

    /// <summary>
    /// Creates or replaces function <paramref name="name"/> from its file, as the file reads when the
    /// migration runs (so a fresh database gets the current version from its first migration on). Bodies
    /// are not checked against the schema here: a migration older than the file may run before the
    /// columns the file names exist; the drift test checks them against the final schema.
    /// </summary>
    /// <param name="version">The <see cref="Version"/> of the file this migration was written for.</param>
    public static MigrationBuilder ApplySqlFunction(this MigrationBuilder migrationBuilder, Assembly assembly, string name, string version)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        ArgumentException.ThrowIfNullOrEmpty(version);
        migrationBuilder.Sql($"{MarkerPrefix}{name} {version}\nSET LOCAL check_function_bodies = off;\n{Read(assembly, name)}");
        return migrationBuilder;
    }

    /// <summary>The function and file version a migration's SQL applies, if it is an <see cref="ApplySqlFunction"/>.</summary>
    public static (string Name, string Version)? Applied(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (!sql.StartsWith(MarkerPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var marker = sql[MarkerPrefix.Length..sql.IndexOf('\n', StringComparison.Ordinal)].Split(' ');
        return (marker[0], marker[1]);
    }
}
