using Microsoft.AspNetCore.Http.Json;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Customers;
using ServerSync.Domain.Email;
using ServerSync.Domain.Monitoring;
using ServerSync.Connectors.Abstractions;
using ServerSync.Domain.Security;
using ServerSync.Engine;
using ServerSync.AdminUi;
using ServerSync.Server;
using ServerSync.Server.Actions;
using ServerSync.Server.Admin;
using ServerSync.Server.AdminCenter;
using ServerSync.Server.Auth;
using ServerSync.Server.Cluster;
using ServerSync.Server.DataProtection;
using ServerSync.Server.Errors;
using ServerSync.Server.Observability;
using ServerSync.Server.Provisioning;
using ServerSync.Server.Security;
using ServerSync.Server.Tables;
using ServerSync.Server.WebApi;
using ServerSync.Server.WebApi.Metadata;
using ServerSync.Storage;

var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection("ServerSync").Get<ServerSyncOptions>() ?? new ServerSyncOptions();
var storage = builder.Configuration.GetSection("ServerSync:Storage").Get<StorageOptions>() ?? new StorageOptions();
if (builder.Configuration["ServerSync:Storage:ConnectionString"] is null && storage.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
    storage.ConnectionString = $"Data Source={Path.Combine(options.DataDirectory, "serversync.db")}";

builder.Services.AddSingleton(TimeProvider.System);
OwnerOnly.Secure(options.DataDirectory, storage.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)
    ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(storage.ConnectionString).DataSource : null);
builder.Services.AddServerSyncStorage(storage);
var keyProtection = builder.Configuration.GetSection(DataProtectionSetup.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
if (builder.Services.AddServerSyncDataProtection(keyProtection, Path.Combine(options.DataDirectory, "keys")) is { } keyError)
{
    Console.Error.WriteLine($"error: {keyError}");
    return 1;
}
if (builder.Services.AddServerSyncForwardedHeaders(builder.Configuration.GetSection("ServerSync:ForwardedHeaders").Get<ForwardedHeadersSettings>()
    ?? new ForwardedHeadersSettings(), builder.Configuration["AllowedHosts"]) is { } proxyError)
{
    Console.Error.WriteLine($"error: {proxyError}");
    return 1;
}
builder.Services.AddServerSyncAuth(options.RequireHttps);
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.Configure<JsonOptions>(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = null;
    // The admin API's bodies: a misspelt or unknown field is refused (as the Web API does), not silently ignored.
    o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
    o.SerializerOptions.AllowDuplicateProperties = false;
});
builder.Services.AddOpenApi();

builder.Services.AddSingleton<TableCatalog>();
builder.Services.AddSingleton<EntityDefinitionCatalog>();
builder.Services.AddSingleton<SecretProtector>();
builder.Services.AddSingleton<ISecretProtector>(sp => sp.GetRequiredService<SecretProtector>());
var engine = builder.Configuration.GetSection("ServerSync").Get<EngineOptions>() ?? new EngineOptions();
var cluster = builder.Configuration.GetSection("ServerSync:Cluster").Get<ClusterOptions>() ?? new ClusterOptions();
if (string.IsNullOrWhiteSpace(builder.Configuration["ServerSync:HostId"])) engine.HostId = cluster.DefaultHostId(Environment.MachineName);
builder.Services.AddSyncEngine(engine,
    builder.Configuration.GetSection("ServerSync").Get<SyncSettings>() ?? new SyncSettings(),
    builder.Configuration.GetSection("ServerSync").Get<TlsOptions>() ?? new TlsOptions());
if (engine.EngineEnabled)
{
    if (cluster.ConfigurationError(storage) is { } error)
    {
        Console.Error.WriteLine($"error: {error}");
        return 1;
    }
    builder.UseOrleans(silo => silo.UseServerSyncCluster(cluster, storage, builder.Configuration.GetSection("ServerSync:Cluster:Membership")));
}
if (builder.AddServerSyncObservability(engine) is { } telemetryError)
{
    Console.Error.WriteLine($"error: {telemetryError}");
    return 1;
}
builder.Services.AddScoped<CallerResolver>();
builder.Services.AddScoped<TableHandlerFactory>();
builder.Services.AddScoped<MailboxProvisioner>();
builder.Services.AddScoped<EnvironmentProvisioner>();
builder.Services.AddScoped<PrivilegeCatalogUpgrade>();
builder.Services.AddScoped<MailboxBulkActions>();
builder.Services.AddScoped<ITableRules<EmailServerProfile>, EmailServerProfileTableRules>();
builder.Services.AddScoped<ITableRules<Mailbox>, MailboxTableRules>();
builder.Services.AddScoped<ITableRules<Organization>, OrganizationTableRules>();
builder.Services.AddScoped<ITableRules<SystemUser>, SystemUserTableRules>();
builder.Services.AddScoped<ITableRules<UserSettings>, UserSettingsTableRules>();
builder.Services.AddScoped<ITableRules<Queue>, QueueTableRules>();
builder.Services.AddScoped<ITableRules<Role>, RoleTableRules>();
builder.Services.AddScoped<ITableRules<Team>, TeamTableRules>();
builder.Services.AddScoped<ITableRules<BusinessUnit>, BusinessUnitTableRules>();
builder.Services.AddScoped<ITableRules<EmailActivity>, EmailTableRules>();
builder.Services.AddScoped<ITableRules<ActivityMimeAttachment>, AttachmentTableRules>();
builder.Services.AddScoped<ITableRules<Contact>, ContactTableRules>();
builder.Services.AddScoped<ITableRules<Lead>, LeadTableRules>();
builder.Services.AddScoped<ITableRules<ActivityParty>>(_ => new SystemMaintainedTableRules<ActivityParty>(deletable: false));
builder.Services.AddScoped<ITableRules<QueueItem>>(_ => new SystemMaintainedTableRules<QueueItem>(deletable: true));
builder.Services.AddScoped<ITableRules<Privilege>>(_ => new SystemMaintainedTableRules<Privilege>(deletable: false));
builder.Services.AddScoped<ITableRules<TraceLog>>(_ => new SystemMaintainedTableRules<TraceLog>(deletable: true));
builder.Services.AddScoped<ITableRules<AsyncOperation>>(_ => new SystemMaintainedTableRules<AsyncOperation>(deletable: true));
builder.Services.AddScoped<ITableRules<MailboxStatistics>>(_ => new SystemMaintainedTableRules<MailboxStatistics>(deletable: false));
// The admin center (src/ServerSync.AdminUi): its own cookie scheme, pages under /admin, calls back into this API.
builder.AddServerSyncAdminUi();

var app = builder.Build();
if (keyProtection.AllowUnprotectedKeys && string.IsNullOrEmpty(keyProtection.KeyEncryptionKey) && string.IsNullOrEmpty(keyProtection.CertificateFile))
    app.Logger.LogWarning("The Data Protection keys in {Keys} are NOT encrypted ({Section}:AllowUnprotectedKeys): whoever reads them can decrypt stored secrets and forge tokens",
        Path.Combine(options.DataDirectory, "keys"), DataProtectionSetup.Section);
if (await FirstStart.RunAsync(app.Services, app.Configuration, app.Logger) is { } refusal)
{
    Console.Error.WriteLine($"error: {refusal}");
    return 1;
}

app.UseForwardedHeaders();
app.UseServerSyncMetrics();
app.UseMiddleware<ErrorHandlingMiddleware>();
app.UseStatusCodePages(StatusCodeBodies.WriteAsync);
app.UseAuthentication();
app.UseAuthorization();
app.UseServerSyncAdminUi();

app.MapGet("/health", () => Results.Ok(new { status = "healthy" })).AllowAnonymous();
app.MapServerSyncHealth();
app.MapOpenApi().RequireAuthorization();
app.MapTokenEndpoint();
app.MapAdminApi();
app.MapAdminCenterApi();
app.MapDataverseApi();
app.MapServerSyncAdminUi();

app.Run();
return 0;

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
