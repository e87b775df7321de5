using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Metadata;
using ServerSync.Domain.Security;

namespace ServerSync.Server.WebApi;

/// <summary>
/// Applies a request body to a row: every property must be a writable column of the table, option
/// values must exist, lookups are set with <c>x@odata.bind</c> to rows of this environment, and secrets
/// are encrypted on the way in. Returns the names of the columns the body set.
/// </summary>
public static class RecordWriter
{
    public static async Task<HashSet<string>> ApplyAsync(WebApiContext ctx, TableInfo table, EnvironmentRecord row, JsonObject body, bool creating, CancellationToken ct)
    {
        var set = new HashSet<string>();
        foreach (var (key, node) in body)
        {
            if (key.EndsWith("@odata.bind", StringComparison.Ordinal))
            {
                var column = table.FindLookupByBindName(key[..^"@odata.bind".Length])
                    ?? throw Bad($"An undeclared property '{key[..^"@odata.bind".Length]}' which only has property annotations in the payload but no property value was found in the payload. It is not a lookup of {table.LogicalName}.", ErrorCodes.UnknownProperty);
                if (column.ReadOnly) throw Bad($"The lookup {column.Lookup!.BindName} of {table.LogicalName} is set by the system and can't be changed.");
                await BindAsync(ctx, table, row, column, node, ct);
                set.Add(column.Name);
                continue;
            }
            if (key.StartsWith('@') || key.Contains('@')) continue; // instance annotations carry no data

            var target = table.Find(key) ?? throw Bad(
                $"Invalid property '{key}' was found in entity 'Microsoft.Dynamics.CRM.{table.LogicalName}'.", ErrorCodes.UnknownProperty);
            if (target.Kind == ColumnKind.Lookup)
                throw Bad($"'{key}' is read-only; set the lookup with \"{target.Lookup!.BindName}@odata.bind\": \"/<entityset>(<id>)\".");
            if (target == table.Key)
            {
                if (!creating) throw Bad($"The primary key {key} can't be changed.");
            }
            else if (target.ReadOnly)
            {
                throw Bad($"'{key}' of {table.LogicalName} is set by the system and can't be written.");
            }

            if (target.Kind == ColumnKind.Secret)
            {
                var secret = node is null ? null : ReadValue<string>(node, target, table);
                target.Property.SetValue(row, string.IsNullOrEmpty(secret) ? null : ctx.Secrets.Protect(secret));
                target.SecretFlag!.SetValue(row, !string.IsNullOrEmpty(secret));
            }
            else
            {
                try
                {
                    target.Property.SetValue(row, Convert(node, target, table));
                }
                catch (TargetInvocationException e) when (e.InnerException is FormatException format)
                {
                    // A column that checks its own format (an attachment's base64 body) says what is wrong.
                    throw Bad(format.Message);
                }
            }
            set.Add(target.Name);
        }
        return set;
    }

    /// <summary>Checks what metadata alone can check on the finished row: required columns.</summary>
    public static void ValidateRequired(TableInfo table, EnvironmentRecord row)
    {
        foreach (var column in table.Columns.Where(c => c.Required))
        {
            if (column.Property.GetValue(row) is null or "")
                throw Bad($"{column.Name} is required on {table.LogicalName}.", "0x80040200");
        }
    }

    private static object? Convert(JsonNode? node, ColumnInfo column, TableInfo table)
    {
        var type = Nullable.GetUnderlyingType(column.Property.PropertyType) ?? column.Property.PropertyType;
        var nullable = !column.Property.PropertyType.IsValueType || Nullable.GetUnderlyingType(column.Property.PropertyType) is not null;
        if (node is null)
        {
            if (!nullable || column.Required)
                throw Bad($"{column.Name} of {table.LogicalName} can't be null.");
            return null;
        }
        object value = type == typeof(string) ? ReadValue<string>(node, column, table)
            : type == typeof(int) ? ReadValue<int>(node, column, table)
            : type == typeof(long) ? ReadValue<long>(node, column, table)
            : type == typeof(bool) ? ReadValue<bool>(node, column, table)
            : type == typeof(Guid) ? ReadValue<Guid>(node, column, table)
            : type == typeof(DateTimeOffset) ? ReadValue<DateTimeOffset>(node, column, table).ToUniversalTime()
            : throw new InvalidOperationException($"Column type {type} is not mapped.");

        if (column.OptionSet is { } options && !Enum.IsDefined(options, value))
        {
            var allowed = string.Join(", ", Enum.GetValues(options).Cast<object>().Select(v => $"{(int)v} ({v})"));
            throw Bad($"{value} is not a valid value for {column.Name} of {table.LogicalName}. Allowed values: {allowed}.", ErrorCodes.OptionValueOutOfRange);
        }
        // The same text must be storable on every store; PostgreSQL refuses NUL characters.
        if (value is string text && !ReferenceEquals(StoredText.Clean(text), text))
            throw Bad($"{column.Name} of {table.LogicalName} contains a NUL character or an unpaired surrogate, which can't be stored.");
        if (value is string s && column.MaxLength is { } max && s.Length > max)
            throw Bad($"{column.Name} of {table.LogicalName} is longer than its maximum length of {max}.", ErrorCodes.ValueOutOfRange);
        if (value is string { Length: > 0 } address && column.EmailAddress && EmailAddressFormat.Problem(address) is { } problem)
            throw Bad($"{node.ToJsonString()} is not a valid email address for {column.Name} of {table.LogicalName}: {problem}.");
        if (column.Range is { } range && !range.IsValid(value))
            throw Bad($"{value} is outside the valid range of {column.Name} ({range.Minimum} to {range.Maximum}).", ErrorCodes.ValueOutOfRange);
        return value;
    }

    private static T ReadValue<T>(JsonNode node, ColumnInfo column, TableInfo table)
    {
        try
        {
            return node.GetValue<T>();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            throw Bad($"Cannot convert the literal '{node.ToJsonString()}' to the expected type of {column.Name} ({EdmName(typeof(T))}).");
        }
    }

    private static async Task BindAsync(WebApiContext ctx, TableInfo table, EnvironmentRecord row, ColumnInfo column, JsonNode? node, CancellationToken ct)
    {
        if (node is null)
        {
            if (Nullable.GetUnderlyingType(column.Property.PropertyType) is null)
                throw Bad($"The lookup {column.Lookup!.BindName} of {table.LogicalName} can't be cleared.");
            column.Property.SetValue(row, null);
            return;
        }
        var reference = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : "";
        if (!RecordReference.TryParse(reference, out var set, out var id))
            throw Bad($"'{reference}' is not a valid reference for {column.Lookup!.BindName}@odata.bind; use \"/<entityset>(<id>)\".");
        var targetTable = ctx.Catalog.FindBySet(set);
        if (targetTable is null || !column.Lookup!.Targets.Contains(targetTable.ClrType))
            throw Bad($"{column.Lookup!.BindName} of {table.LogicalName} can't refer to '{set}'.");
        var target = await FindAsync(ctx, targetTable.ClrType, id, ct);
        // A row of another environment, or one the caller can't read, answers as a row that doesn't exist.
        if (target is null || !CanRead(ctx.Caller, targetTable, target))
            throw Bad($"{targetTable.LogicalName} With Id = {id} Does Not Exist", ErrorCodes.ObjectDoesNotExist);
        // The owner is changed under Assign (TableHandler); every other lookup links the row to a parent (Append / AppendTo).
        if (column.Name != "_ownerid_value") TableAccess.EnsureMayLink(ctx.Caller, table, row, targetTable, target);
        column.Property.SetValue(row, id);
        column.LookupTypeProperty?.SetValue(row, targetTable.LogicalName);
    }

    private static bool CanRead(CallerContext caller, TableInfo table, EnvironmentRecord row) =>
        caller.DepthOf(PrivilegeCatalog.NameFor(AccessRight.Read, table.SchemaName)) is { } depth
        && (row is not OwnedRecord owned || caller.Reaches(depth, owned.OwnerId, owned.OwningBusinessUnitId));

    private static async Task<EnvironmentRecord?> FindAsync(WebApiContext ctx, Type clrType, Guid id, CancellationToken ct)
    {
        var method = typeof(RecordWriter).GetMethod(nameof(FindOfAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return await (Task<EnvironmentRecord?>)method.MakeGenericMethod(clrType).Invoke(null, [ctx, id, ct])!;
    }

    private static async Task<EnvironmentRecord?> FindOfAsync<T>(WebApiContext ctx, Guid id, CancellationToken ct) where T : EnvironmentRecord =>
        await ctx.Db.Set<T>().AsNoTracking().FirstOrDefaultAsync(r => r.EnvironmentId == ctx.Environment.Id && r.Id == id, ct);

    private static string EdmName(Type type) => type == typeof(string) ? "Edm.String" : type == typeof(int) ? "Edm.Int32"
        : type == typeof(long) ? "Edm.Int64" : type == typeof(bool) ? "Edm.Boolean" : type == typeof(Guid) ? "Edm.Guid" : "Edm.DateTimeOffset";

    private static ServerSyncException Bad(string message, string code = ErrorCodes.InvalidArgument) => ServerSyncException.BadRequest(message, code);
}
