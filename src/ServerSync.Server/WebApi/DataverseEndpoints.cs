using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm.Csdl;
using ServerSync.Domain.Errors;
using ServerSync.Server.Actions;
using ServerSync.Server.Security;
using ServerSync.Server.WebApi.Metadata;
using ServerSync.Storage;

namespace ServerSync.Server.WebApi;

/// <summary>The environment Web API, <c>/{environment}/api/data/v9.2/…</c>, shaped like Dataverse's.</summary>
public static class DataverseEndpoints
{
    public const string Prefix = "/{environment}/api/data/v9.2";

    public static void MapDataverseApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Prefix + "/{**path}", ["GET", "POST", "PATCH", "DELETE"], HandleAsync)
            .RequireAuthorization()
            .ExcludeFromDescription();
    }

    private static async Task<IResult> HandleAsync(HttpContext http, string environment, string? path, ServerSyncDbContext db,
        CallerResolver callers, TableCatalog catalog, SecretProtector secrets, TimeProvider clock, TableHandlerFactory handlers,
        MailboxBulkActions bulk, EntityDefinitionCatalog definitions, CancellationToken ct)
    {
        var (env, caller) = await callers.ResolveAsync(http.User, environment, ct);
        var ctx = new WebApiContext(db, env, caller, catalog, secrets, clock);
        var method = http.Request.Method;

        if (string.IsNullOrEmpty(path)) return Results.Json(ServiceDocument(catalog));
        if (path == "$metadata" && method == "GET") return Metadata(catalog);
        if (path.StartsWith(EntityDefinitionsEndpoint.Head, StringComparison.Ordinal))
            return method == "GET" ? EntityDefinitionsEndpoint.Handle(path, http.Request.Query, caller, definitions)
                : throw ServerSyncException.BadRequest("Table metadata is read-only here: EntityDefinitions answers GET only.", ErrorCodes.InvalidArgument);

        var resource = ResourcePath.Parse(path)
            ?? throw ServerSyncException.BadRequest($"Resource not found for the segment '{path}'.", ErrorCodes.UnknownSegment);

        if (catalog.FindBySet(resource.Head) is { } table)
        {
            // mailboxes(1) or mailboxes(name='x'): the tables have no alternate keys, so only a GUID addresses a row.
            if (resource.FunctionArguments is { } key)
                throw ServerSyncException.BadRequest($"Bad Request - Error in query syntax: '{key}' is not a key of {table.EntitySetName}; a row is addressed by its {table.Key.Name} GUID.", ErrorCodes.UnknownSegment);
            var handler = handlers.For(table);
            switch (resource)
            {
                case { Id: null, Navigation: null }:
                    return method switch
                    {
                        "GET" => await handler.ListAsync(ctx, http.Request, ct),
                        "POST" => await handler.CreateAsync(ctx, await BodyAsync(http, ct), http.Request, ct),
                        _ => throw MethodNotAllowed(method, path),
                    };
                case { Id: { } id, Navigation: null }:
                    return method switch
                    {
                        "GET" => await handler.GetAsync(ctx, id, http.Request, ct),
                        "PATCH" => await handler.UpdateAsync(ctx, id, await BodyAsync(http, ct), http.Request, ct),
                        "DELETE" => await handler.DeleteAsync(ctx, id, http.Request, ct),
                        _ => throw MethodNotAllowed(method, path),
                    };
                case { Id: { } id, Navigation: { } nav } when Associations.IsKnown(table.EntitySetName, nav):
                    return (method, resource.IsRef, resource.NavigationId) switch
                    {
                        ("GET", false, null) => await Associations.ListAsync(ctx, table.EntitySetName, id, nav, ct),
                        ("POST", true, null) => await Associations.AssociateAsync(ctx, table.EntitySetName, id, nav, await BodyAsync(http, ct), ct),
                        ("DELETE", true, { } other) => await Associations.DisassociateAsync(ctx, table.EntitySetName, id, nav, other, ct),
                        ("DELETE", true, null) when RecordReference.TryParse(http.Request.Query["$id"], out _, out var other) =>
                            await Associations.DisassociateAsync(ctx, table.EntitySetName, id, nav, other, ct),
                        _ => throw MethodNotAllowed(method, path),
                    };
                case { Id: { } id, Navigation: "Microsoft.Dynamics.CRM.AddPrivilegesRole" } when table.EntitySetName == "roles" && method == "POST":
                    return await RolePrivilegeActions.AddPrivilegesAsync(ctx, id, await BodyAsync(http, ct), ct);
                case { Id: { } id, Navigation: "Microsoft.Dynamics.CRM.RemovePrivilegeRole" } when table.EntitySetName == "roles" && method == "POST":
                    return await RolePrivilegeActions.RemovePrivilegeAsync(ctx, id, await BodyAsync(http, ct), ct);
                case { Id: { } id, Navigation: "Microsoft.Dynamics.CRM.SendEmail" } when table.EntitySetName == "emails" && method == "POST":
                    return await SendEmailAction.SendAsync(ctx, id, await BodyAsync(http, ct), ct);
                case { Id: { } id, Navigation: "email_activity_parties" } when table.EntitySetName == "emails" && method == "GET":
                    return await handlers.For(catalog.Get(typeof(Domain.Activities.ActivityParty))).ListAsync(ctx, http.Request, ct, $"_activityid_value eq {id}");
                default:
                    throw ServerSyncException.BadRequest($"Resource not found for the segment '{resource.Navigation}'.", ErrorCodes.UnknownSegment);
            }
        }

        var operation = resource.Head.StartsWith("Microsoft.Dynamics.CRM.") ? resource.Head["Microsoft.Dynamics.CRM.".Length..] : resource.Head;
        return (operation, method) switch
        {
            ("WhoAmI", "GET") => Results.Json(new
            {
                UserId = caller.SystemUserId,
                BusinessUnitId = caller.BusinessUnitId,
                OrganizationId = await db.Organizations.Where(o => o.EnvironmentId == env.Id).Select(o => o.Id).SingleAsync(ct),
            }),
            ("RetrieveRolePrivilegesRole", "GET") => await RolePrivilegeActions.RetrieveAsync(ctx, FunctionGuid(resource, "RoleId"), ct),
            ("ApproveEmailAddresses", "POST") => await bulk.ApproveEmailAddressesAsync(ctx, await BodyAsync(http, ct), ct),
            ("ApplyDefaultEmailSettings", "POST") => await bulk.ApplyDefaultEmailSettingsAsync(ctx, await BodyAsync(http, ct), ct),
            ("TestAndEnableMailboxes", "POST") => await bulk.TestAndEnableMailboxesAsync(ctx, await BodyAsync(http, ct), ct),
            _ => throw ServerSyncException.BadRequest($"Resource not found for the segment '{resource.Head}'.", ErrorCodes.UnknownSegment),
        };
    }

    private static Task<JsonObject> BodyAsync(HttpContext http, CancellationToken ct) => JsonBody.ReadObjectAsync(http.Request, ct);

    /// <summary>An argument of a function call such as <c>RetrieveRolePrivilegesRole(RoleId=…)</c>.</summary>
    private static Guid FunctionGuid(ResourcePath resource, string name)
    {
        foreach (var part in (resource.FunctionArguments ?? "").Split(','))
        {
            var pieces = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pieces.Length == 2 && pieces[0] == name && Guid.TryParse(pieces[1].Trim('\''), out var id)) return id;
        }
        throw ServerSyncException.BadRequest($"The function needs the parameter {name}=<guid>.");
    }

    private static ServerSyncException MethodNotAllowed(string method, string path) =>
        new(ErrorKind.BadRequest, ErrorCodes.InvalidArgument, $"The HTTP method {method} is not allowed on '{path}'.");

    private static JsonObject ServiceDocument(TableCatalog catalog) => new()
    {
        ["@odata.context"] = "$metadata",
        ["value"] = new JsonArray(catalog.Tables.Select(t => (JsonNode)new JsonObject { ["name"] = t.EntitySetName, ["kind"] = "EntitySet", ["url"] = t.EntitySetName }).ToArray()),
    };

    private static IResult Metadata(TableCatalog catalog)
    {
        // A StringWriter would declare encoding="utf-16" over a UTF-8 body, which strict XML parsers refuse.
        var bytes = new MemoryStream();
        using (var writer = XmlWriter.Create(bytes, new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) }))
            CsdlWriter.TryWriteCsdl(catalog.Model, writer, CsdlTarget.OData, out _);
        return Results.Bytes(bytes.ToArray(), "application/xml; charset=utf-8");
    }
}
