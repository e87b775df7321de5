using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using ServerSync.Storage;

namespace ServerSync.Engine.Tests;

/// <summary>
/// Inserts entities into a store migrated to an earlier step: only the columns that table has at that step, so an
/// upgrade test keeps working when later migrations add columns (the current model would name columns not there yet).
/// </summary>
internal static class OldSchemaRows
{
    public static async Task InsertAsync<T>(ServerSyncDbContext db, DbTransaction transaction, IEnumerable<T> rows) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var tableName = entity.GetTableName()!;
        var table = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
        var existing = await ColumnsAsync(transaction, tableName);
        var properties = entity.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(table)))
            .Where(p => p.Column is not null && existing.Contains(p.Column))
            .ToList();
        var columns = string.Join(", ", properties.Select(p => "\"" + p.Column + "\""));
        var values = string.Join(", ", properties.Select((_, i) => "@p" + i));
        foreach (var row in rows)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"{tableName}\" ({columns}) VALUES ({values})";
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i].Property;
                var value = property.GetGetter().GetClrValue(row);
                var converter = property.GetTypeMapping().Converter;
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i;
                parameter.Value = value is null ? DBNull.Value : converter?.ConvertToProvider(value) ?? value;
                command.Parameters.Add(parameter);
            }
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<HashSet<string>> ColumnsAsync(DbTransaction transaction, string tableName)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = transaction.Connection is Microsoft.Data.Sqlite.SqliteConnection
            ? $"SELECT name FROM pragma_table_info('{tableName}')"
            : $"SELECT column_name FROM information_schema.columns WHERE table_name = '{tableName}'";
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }
}
