using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ServerSync.Storage;

/// <summary>
/// Inserts many new rows of one table on the context's open transaction, without change tracking: on the import path
/// SaveChanges cost about half a millisecond per row (tracking, and one command per row on SQLite). It uses EF Core's
/// own column names and type mappings, so the rows read back exactly as if SaveChanges had written them.
/// </summary>
public static class RowInserter
{
    private static readonly ConcurrentDictionary<(IModel, Type), Table> Tables = new();

    public static async Task InsertAsync<T>(this ServerSyncDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("InsertAsync runs inside the caller's transaction, so the rows commit with the rest of its work.");
        var table = Tables.GetOrAdd((db.Model, typeof(T)), key => Table.Of(key.Item1, key.Item2, db.GetService<ISqlGenerationHelper>()));
        if (transaction.Connection is NpgsqlConnection postgres) await CopyAsync(postgres, table, rows, ct);
        else await InsertEachAsync(transaction.Connection!, transaction, table, rows, ct);
    }

    /// <summary>
    /// PostgreSQL: binary COPY on the open transaction, one stream for all rows: no statement to parse and plan, and the
    /// values (bodies and attachments included) go over in PostgreSQL's binary format instead of as bound parameters.
    /// </summary>
    private static async Task CopyAsync<T>(NpgsqlConnection connection, Table table, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        await using var importer = await connection.BeginBinaryImportAsync(table.CopySql, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in table.Columns)
            {
                var value = column.ToProvider(column.Getter.GetClrValue(row));
                if (value is DBNull) await importer.WriteNullAsync(ct);
                else await importer.WriteAsync(value, column.DataTypeName, ct);
            }
        }
        await importer.CompleteAsync(ct);
    }

    /// <summary>
    /// SQLite: one prepared single-row statement, re-executed with new values: in process a statement costs no round
    /// trip, and Microsoft.Data.Sqlite binds by name with a linear search, so a many-row statement would be slower.
    /// </summary>
    private static async Task InsertEachAsync<T>(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, Table table,
        IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = table.InsertSql;
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var column = table.Columns[c];
            command.Parameters.Add(column.Mapping.CreateParameter(command, "@p" + c, null, column.Property.IsNullable));
        }

        foreach (var row in rows)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var column = table.Columns[c];
                command.Parameters[c].Value = column.ToProvider(column.Getter.GetClrValue(row));
            }

            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping)
    {
        public IClrPropertyGetter Getter { get; } = Property.GetGetter();

        /// <summary>The store type without its length or precision ("character varying(400)" → "character varying"), as COPY takes it.</summary>
        public string DataTypeName { get; } = Mapping.StoreType.Split('(')[0].Trim();

        /// <summary>What <see cref="RelationalTypeMapping.CreateParameter"/> puts into a parameter's value.</summary>
        public object ToProvider(object? value) => value is null ? DBNull.Value : Mapping.Converter?.ConvertToProvider(value) ?? value;
    }

    private sealed record Table(string InsertSql, string CopySql, IReadOnlyList<Column> Columns)
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
            var name = sql.DelimitIdentifier(store.Name, store.Schema);
            var values = string.Join(",", columns.Select((_, c) => "@p" + c));
            return new Table($"INSERT INTO {name} ({names}) VALUES ({values})", $"COPY {name} ({names}) FROM STDIN (FORMAT BINARY)", columns);
        }
    }
}
