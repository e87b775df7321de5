using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ServerSync.Storage;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteServerSyncDbContext>
{
    public SqliteServerSyncDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteServerSyncDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresServerSyncDbContext>
{
    public PostgresServerSyncDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresServerSyncDbContext>().UseNpgsql("Host=localhost").Options);
}
