using CivicHall.Messaging.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace CivicHall.IntegrationTests.Resilience;

/// <summary>
/// A statement that fails while its parameters are bound (a NUL in text: 22021) must fail alone. With
/// Npgsql's automatic preparation, the failing execution that prepared a statement left it cached
/// without its row description, and the next, valid, execution on that pooled connection failed with
/// "Received unexpected backend message DataRow". The services' sessions (DatabaseExtensions.SessionSettings)
/// prepare explicitly instead.
/// </summary>
public sealed class DatabaseSessionTests(TestInfrastructure infrastructure)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_statement_that_fails_on_a_bad_value_does_not_break_the_next_one_on_its_connection(bool preparedExplicitly)
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseExtensions.SessionSettings(infrastructure.PostgresConnectionString)) { MaxPoolSize = 1 };

        // Whichever use of the statement would have prepared it (the fifth, by Npgsql's default) is the bad one.
        for (var goodBefore = 0; goodBefore < 8; goodBefore++)
        {
            await using var source = NpgsqlDataSource.Create(settings.ConnectionString);
            for (var i = 0; i < goodBefore; i++)
            {
                Assert.Equal($"ok{i}", await EchoAsync(source, $"ok{i}", preparedExplicitly));
            }

            var bad = await Assert.ThrowsAsync<PostgresException>(() => EchoAsync(source, "bad\0", preparedExplicitly));
            Assert.Equal(PostgresErrorCodes.CharacterNotInRepertoire, bad.SqlState);
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal($"after{i}", await EchoAsync(source, $"after{i}", preparedExplicitly));
            }
        }
    }

    private static async Task<string> EchoAsync(NpgsqlDataSource source, string value, bool prepare)
    {
        await using var connection = await source.OpenConnectionAsync(Ct);
        await using var command = new NpgsqlCommand("WITH echo AS (SELECT $1::text AS value) SELECT value FROM echo", connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = value });
        if (prepare)
        {
            await command.PrepareAsync(Ct);
        }

        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
