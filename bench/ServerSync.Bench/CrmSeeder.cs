using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServerSync.Domain.Customers;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Bench;

/// <summary>
/// Gives the measured mailbox's environment a large customer base (import --contacts N): N contacts written straight
/// into the store with the engine's own RowInserter (the API would take minutes), owned like the mailbox. A third also
/// have a second address, in mixed case as people type them, so every address column the import's resolution searches
/// has rows. None matches a corpus address: the lookups must find nothing, fast, among many.
/// </summary>
public static class CrmSeeder
{
    private const int Chunk = 10_000;

    public static async Task SeedContactsAsync(ServerFixture server, Guid mailboxId, int count)
    {
        using var scope = server.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerSyncDbContext>();
        var mailbox = await db.Mailboxes.AsNoTracking().SingleAsync(m => m.Id == mailboxId);
        var now = DateTimeOffset.UtcNow;
        for (var start = 0; start < count; start += Chunk)
        {
            var contacts = Enumerable.Range(start, Math.Min(Chunk, count - start)).Select(i => new Contact
            {
                Id = Guid.NewGuid(), EnvironmentId = mailbox.EnvironmentId,
                OwnerId = mailbox.OwnerId, OwnerIdType = mailbox.OwnerIdType, OwningBusinessUnitId = mailbox.OwningBusinessUnitId,
                LastName = $"Seeded {i}", EmailAddress1 = $"Seeded.{i}@Customers.Example",
                EmailAddress2 = i % 3 == 0 ? $"seeded{i}@home.example" : null, CreatedOn = now, ModifiedOn = now,
            }).ToList();
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.InsertAsync(contacts, CancellationToken.None);
            await tx.CommitAsync();
        }

        // PostgreSQL's autovacuum would gather statistics about now; SQLite gathers none unless told, and ServerSync
        // does not tell it, so neither does the bench.
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE contact");
    }
}
