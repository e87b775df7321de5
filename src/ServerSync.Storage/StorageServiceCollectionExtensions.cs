using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Storage.Sqlite;

namespace ServerSync.Storage;

public static class StorageServiceCollectionExtensions
{
    private static readonly SqliteConnectionSettings ConnectionSettings = new();

    /// <summary>Registers <see cref="ServerSyncDbContext"/> on the configured provider.</summary>
    public static IServiceCollection AddServerSyncStorage(this IServiceCollection services, StorageOptions options)
    {
        if (string.Equals(options.Provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            services.AddDbContext<ServerSyncDbContext, PostgresServerSyncDbContext>(o => o.UseNpgsql(options.ConnectionString));
        }
        else if (string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            EnsureSqliteDirectory(options.ConnectionString);
            services.AddDbContext<ServerSyncDbContext, SqliteServerSyncDbContext>(o => o.UseSqlite(options.ConnectionString).AddInterceptors(ConnectionSettings));
            services.AddSingleton(options);
            services.AddHostedService<SqliteCheckpointer>();
        }
        else
        {
            throw new InvalidOperationException($"ServerSync:Storage:Provider '{options.Provider}' is not supported; use Sqlite or Postgres.");
        }
        return services;
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
    }
}
