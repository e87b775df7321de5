using Npgsql;
using Orleans.Runtime;

namespace ServerSync.Server.Cluster;

/// <summary>
/// Creates or brings up to date the PostgreSQL tables and query rows of Orleans ADO.NET clustering
/// (<c>PostgreSQL-Clustering.sql</c>, embedded) as the first step of the silo's start, before membership reads them.
/// The Orleans package ships no schema, and these tables stay out of the EF Core model: they are Orleans' contract.
/// </summary>
public sealed class AdoNetClusteringSchema(string connectionString, ILogger<AdoNetClusteringSchema> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Serialises nodes that start at once: concurrent CREATE TABLE IF NOT EXISTS can still collide. "SSORLEAN".</summary>
    private const long AdvisoryLockKey = 0x53534F524C45414E;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(AdoNetClusteringSchema), ServiceLifecycleStage.RuntimeInitialize, async ct =>
        {
            await ApplyAsync(connectionString, ct);
            logger.LogInformation("Orleans clustering tables are up to date");
        });

    /// <summary>Runs the script in one transaction under a transaction-scoped advisory lock; safe to run again.</summary>
    public static async Task ApplyAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", AdvisoryLockKey);
            await command.ExecuteNonQueryAsync(ct);
        }
        await using (var command = new NpgsqlCommand(await ScriptAsync(), connection, transaction))
            await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task<string> ScriptAsync()
    {
        await using var stream = typeof(AdoNetClusteringSchema).Assembly.GetManifestResourceStream("ServerSync.Server.Cluster.PostgreSQL-Clustering.sql")
            ?? throw new InvalidOperationException("The embedded PostgreSQL-Clustering.sql is missing.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
