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
    // PostgreSQL takes up to 65,535 parameters per statement.
    private const int MaxParametersPerCommand = 30_000;

    private static readonly ConcurrentDictionary<(IModel, Type), Table> Tables = new();

    public static async Task InsertAsync<T>(this ServerSyncDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("InsertAsync runs inside the caller's transaction, so the rows commit with the rest of its work.");
        var table = Tables.GetOrAdd((db.Model, typeof(T)), key => Table.Of(key.Item1, key.Item2, db.GetService<ISqlGenerationHelper>()));
        // SQLite: one prepared single-row statement, re-executed (in process, a statement costs no round trip, and
        // Microsoft.Data.Sqlite binds by name with a linear search, so thousands of parameters in one statement are slow).
        // PostgreSQL: as many rows per statement as the parameter budget allows, to save round trips.
        var perCommand = db.Database.IsSqlite() ? 1 : Math.Max(1, MaxParametersPerCommand / table.Columns.Count);
        DbCommand? command = null;
        var commandRows = 0;
        try
        {
            for (var start = 0; start < rows.Count; start += perCommand)
            {
                var count = Math.Min(perCommand, rows.Count - start);
                // A command is built once per row count; later chunks of that size only get new parameter values.
                var fresh = command is null || commandRows != count;
                if (fresh)
                {
                    commandRows = count;
                    if (command is not null) await command.DisposeAsync();
                    command = transaction.Connection!.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = table.InsertSql(count);
                }

                for (var row = 0; row < count; row++)
                {
                    for (var c = 0; c < table.Columns.Count; c++)
                    {
                        var column = table.Columns[c];
                        var value = column.Getter.GetClrValue(rows[start + row]);
                        var index = row * table.Columns.Count + c;
                        if (fresh) command!.Parameters.Add(column.Mapping.CreateParameter(command, Table.ParameterName(index), value, column.Property.IsNullable));
                        else command!.Parameters[index].Value = column.ToProvider(value);
                    }
                }

                await command!.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            if (command is not null) await command.DisposeAsync();
        }
    }

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping)
    {
        public IClrPropertyGetter Getter { get; } = Property.GetGetter();

        /// <summary>What <see cref="RelationalTypeMapping.CreateParameter"/> puts into a parameter's value.</summary>
        public object ToProvider(object? value) => value is null ? DBNull.Value : Mapping.Converter?.ConvertToProvider(value) ?? value;
    }

    private sealed record Table(string InsertInto, IReadOnlyList<Column> Columns)
    {
        public static string ParameterName(int index) => "@p" + index;

        public string InsertSql(int rows)
        {
            var sql = new StringBuilder(InsertInto);
            for (var row = 0; row < rows; row++)
            {
                sql.Append(row == 0 ? "(" : ",(");
                for (var c = 0; c < Columns.Count; c++) sql.Append(c == 0 ? "" : ",").Append(ParameterName(row * Columns.Count + c));
                sql.Append(')');
            }
            return sql.ToString();
        }

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
