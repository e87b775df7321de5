using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Security;
using ServerSync.Domain.Tenancy;
using ServerSync.Server.Security;
using ServerSync.Storage;

namespace ServerSync.Server.WebApi;

/// <summary>Everything one Web API request works with: the store, the environment and the caller.</summary>
public sealed class WebApiContext(ServerSyncDbContext db, CrmEnvironment environment, CallerContext caller, TableCatalog catalog, SecretProtector secrets, TimeProvider clock)
{
    public ServerSyncDbContext Db { get; } = db;
    public CrmEnvironment Environment { get; } = environment;
    public CallerContext Caller { get; } = caller;
    public TableCatalog Catalog { get; } = catalog;
    public SecretProtector Secrets { get; } = secrets;
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    /// <summary>Where new users, teams and roles go when the request names no business unit.</summary>
    public Task<Guid> RootBusinessUnitIdAsync(CancellationToken ct) =>
        Db.BusinessUnits.Where(b => b.EnvironmentId == Environment.Id && b.ParentBusinessUnitId == null).Select(b => b.Id).SingleAsync(ct);
}
