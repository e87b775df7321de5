using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ServerSync.Storage;

/// <summary>The embedded default store.</summary>
public sealed class SqliteServerSyncDbContext(DbContextOptions<SqliteServerSyncDbContext> options) : ServerSyncDbContext(options)
{
    // SQLite has no date type EF can compare or sort; timestamps are stored as UTC ticks instead.
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
