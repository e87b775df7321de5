using System.Text;
using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Activities;

namespace ServerSync.Storage.Sqlite;

/// <summary>
/// Finishes the AttachmentBytes migration on SQLite, which has no base64 function: attachment bodies that earlier
/// versions stored as base64 text become their bytes (PostgreSQL decodes in the migration itself). Only text values
/// are touched, so it is a no-op once done; runs at start, before the API and the engine.
/// </summary>
public static class AttachmentBodyUpgrade
{
    private const int RowsPerTransaction = 100;

    /// <returns>How many bodies were converted.</returns>
    public static async Task<int> RunAsync(ServerSyncDbContext db, CancellationToken ct)
    {
        var converted = 0;
        while (true)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = await db.Database.SqlQueryRaw<TextBody>(
                    "SELECT activitymimeattachmentid AS Id, body AS Body FROM activitymimeattachment WHERE typeof(body) = 'text' LIMIT {0}", RowsPerTransaction)
                .ToListAsync(ct);
            if (rows.Count == 0) return converted;
            foreach (var row in rows)
            {
                await db.Database.ExecuteSqlAsync($"UPDATE activitymimeattachment SET body = {Decode(row.Body)} WHERE activitymimeattachmentid = {row.Id}", ct);
            }

            await tx.CommitAsync(ct);
            converted += rows.Count;
        }
    }

    /// <summary>The API only ever stored valid base64; anything else is kept as its text's bytes rather than lost.</summary>
    private static byte[] Decode(string body) => ActivityMimeAttachment.TryDecode(body) ?? Encoding.UTF8.GetBytes(body);

    private sealed class TextBody
    {
        public Guid Id { get; set; }
        public string Body { get; set; } = "";
    }
}
