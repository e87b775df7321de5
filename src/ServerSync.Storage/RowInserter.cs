using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ServerSync.Storage;

/// <summary>
/// Inserts many new rows of one table with a few multi-row INSERTs on the context's open transaction, without
/// change tracking. On the import path SaveChanges cost about half a millisecond per row (tracking, and one
/// command per row on SQLite); this uses EF Core's own column names and type mappings, so the rows read back
/// exactly as if SaveChanges had written them.
/// </summary>
public static class RowInserter
{
    // Below SQLite's default limit of 32,766 variables per statement (PostgreSQL allows 65,535).
    private const int MaxParametersPerCommand = 30_000;

    private static readonly ConcurrentDictionary<(IModel, Type), Table> Tables = new();

    public static async Task InsertAsync<T>(this ServerSyncDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("InsertAsync runs inside the caller's transaction, so the rows commit with the rest of its work.");
        var table = Tables.GetOrAdd((db.Model, typeof(T)), key => Table.Of(key.Item1, key.Item2, db.GetService<ISqlGenerationHelper>()));
        var perCommand = Math.Max(1, MaxParametersPerCommand / table.Columns.Count);
        for (var start = 0; start < rows.Count; start += perCommand)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder(table.InsertInto);
            var parameter = 0;
            for (var row = start; row < Math.Min(rows.Count, start + perCommand); row++)
            {
                sql.Append(row == start ? "(" : ",(");
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var column = table.Columns[c];
                    var name = "@p" + parameter++;
                    sql.Append(c == 0 ? name : "," + name);
                    command.Parameters.Add(column.Mapping.CreateParameter(command, name, column.Property.GetGetter().GetClrValue(rows[row]), column.Property.IsNullable));
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping);

    private sealed record Table(string InsertInto, IReadOnlyList<Column> Columns)
    {
        public static Table Of(IModel model, Type clrType, ISqlGenerationHelper sql)
        {
            var entity = model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not in the model");
            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var properties = entity.GetProperties().ToList();
            // Shadow properties have no CLR value to read; no table written this way has one.
            if (properties.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
                throw new InvalidOperationException($"{clrType.Name}.{shadow.Name} is a shadow property; RowInserter cannot write it");
            var columns = properties.Select(p => new Column(p, (RelationalTypeMapping)p.GetTypeMapping())).ToList();
            var names = string.Join(",", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)));
            return new Table($"INSERT INTO {sql.DelimitIdentifier(store.Name, store.Schema)} ({names}) VALUES ", columns);
        }
    }
}
