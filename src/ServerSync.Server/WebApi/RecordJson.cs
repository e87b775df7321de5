using System.Text.Json.Nodes;
using ServerSync.Domain.Metadata;

namespace ServerSync.Server.WebApi;

/// <summary>Writes rows the way Dataverse does: logical names, <c>@odata.etag</c>, lookups as <c>_x_value</c>, no secrets.</summary>
public static class RecordJson
{
    public static string ETag(EnvironmentRecord row) => $"W/\"{row.VersionNumber}\"";

    public static JsonObject Write(EnvironmentRecord row, TableInfo table, IReadOnlyList<string>? select)
    {
        var json = new JsonObject { ["@odata.etag"] = ETag(row) };
        var columns = select is null ? table.Readable : select.Select(n => table.Find(n)!).Append(table.Key).Distinct();
        foreach (var column in columns)
        {
            var value = column.Property.GetValue(row);
            json[column.Name] = value switch
            {
                null => null,
                DateTimeOffset d => JsonValue.Create(d.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ")),
                _ => JsonValue.Create(value),
            };
            if (column.LookupTypeProperty?.GetValue(row) is string target && value is not null)
                json[$"{column.Name}@Microsoft.Dynamics.CRM.lookuplogicalname"] = target;
        }
        return json;
    }
}
