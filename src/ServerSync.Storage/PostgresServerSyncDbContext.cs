using Microsoft.EntityFrameworkCore;

namespace ServerSync.Storage;

/// <summary>The production store.</summary>
public sealed class PostgresServerSyncDbContext(DbContextOptions<PostgresServerSyncDbContext> options) : ServerSyncDbContext(options);
