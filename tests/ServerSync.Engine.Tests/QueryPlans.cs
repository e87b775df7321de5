using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Storage;

namespace ServerSync.Engine.Tests;

/// <summary>
/// A migrated store whose context records the queries it sends while recording is on; then asks the store for the plan
/// of each, with the same parameter values: what the store would really do with the query the engine really sent.
/// </summary>
internal sealed class QueryPlans : DbCommandInterceptor, IAsyncDisposable
{
    private ServiceProvider? _services;
    private AsyncServiceScope _scope;
    private bool _recording;

    private QueryPlans() { }

    /// <summary>The store's context, its connection open for the whole test (session settings stay).</summary>
    public ServerSyncDbContext Db { get; private set; } = null!;

    public List<(string Text, List<(string Name, object Value)> Parameters)> Commands { get; } = [];

    public static async Task<QueryPlans> OpenStoreAsync<TContext>(StorageOptions options) where TContext : ServerSyncDbContext
    {
        var plans = new QueryPlans();
        plans._services = new ServiceCollection().AddServerSyncStorage(options)
            .ConfigureDbContext<TContext>(o => o.AddInterceptors(plans)).BuildServiceProvider();
        plans._scope = plans._services.CreateAsyncScope();
        plans.Db = plans._scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        await plans.Db.Database.MigrateAsync();
        await plans.Db.Database.OpenConnectionAsync();
        return plans;
    }

    public void Record() => _recording = true;

    public void Stop() => _recording = false;

    /// <summary>One list of plan lines per recorded query, in the order they ran.</summary>
    public async Task<List<(string Query, List<string> Plan)>> ExplainAsync()
    {
        var db = Db;
        var postgres = db.Database.IsNpgsql();
        var plans = new List<(string, List<string>)>();
        foreach (var (text, parameters) in Commands)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + text;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            var lines = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) lines.Add(reader.GetString(postgres ? 0 : 3));
            Assert.NotEmpty(lines);
            plans.Add((text, lines));
        }

        return plans;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (_recording && eventData.Context == Db)
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value ?? DBNull.Value)).ToList()));
        return ValueTask.FromResult(result);
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        if (_services is not null) await _services.DisposeAsync();
    }
}
