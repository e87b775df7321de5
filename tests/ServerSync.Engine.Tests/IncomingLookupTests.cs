using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Customers;
using ServerSync.Domain.Email;
using ServerSync.Engine.Incoming;
using ServerSync.Storage;
using ServerSync.Testing;

namespace ServerSync.Engine.Tests;

/// <summary>
/// Every lookup the incoming pipeline makes for a batch (duplicates, In-Reply-To, tracking token, conversation index,
/// smart matching, queue items of mail already tracked, senders) finds the right rows and is an index search on its key
/// on both stores, for a new environment in a store that holds another: PostgreSQL's statistics know nothing of the
/// new environment until the next ANALYZE. A lookup that reads the environment's whole mail and filters costs a full
/// pass per batch, so an import would slow down with every message it stores.
/// </summary>
public sealed class IncomingLookupTests
{
    private const int EarlierEmails = 3000;

    [Fact]
    public async Task Sqlite_lookups_find_the_rows_and_search_their_keys()
    {
        using var database = new SqliteDatabase("serversync-lookups-");
        var plans = await ProcessAndExplainAsync<SqliteServerSyncDbContext>(new StorageOptions { ConnectionString = database.ConnectionString });

        // A SEARCH on the environment alone reads all of its rows; SCAN reads a whole table (json_each is a key list).
        Assert.All(plans, p => Assert.All(p.Plan, line =>
        {
            if (line.StartsWith("SCAN ", StringComparison.Ordinal)) Assert.True(line.Contains("VIRTUAL TABLE"), $"{line}\n{p.Query}");
            Assert.False(line.StartsWith("SEARCH ", StringComparison.Ordinal) && line.EndsWith("(environmentid=?)", StringComparison.Ordinal), $"{line}\n{p.Query}");
        }));
    }

    [Fact]
    public async Task Postgres_lookups_find_the_rows_and_search_their_keys()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var plans = await ProcessAndExplainAsync<PostgresServerSyncDbContext>(new StorageOptions { Provider = "Postgres", ConnectionString = database.ConnectionString });

        // Each scan of a table looked up by key is an index search on that key, not on the environment alone.
        foreach (var (query, plan) in plans)
        {
            foreach (var (node, condition) in ScansOf(plan).Where(s => LookedUpTables.Any(t => s.Node.Contains($" on {t} ") || s.Node.Contains($"\"IX_{t}_") || s.Node.Contains($" ix_{t}_"))))
            {
                Assert.False(node.Contains("Seq Scan"), $"{node}\n{query}");
                Assert.True(condition is not null && !(condition.Contains("(environmentid = ") && !condition.Contains(" AND ")), $"{node}: {condition}\n{query}");
            }
        }
    }

    private static readonly string[] LookedUpTables = ["email", "emailhash", "activityparty", "queueitem", "contact"];

    /// <summary>
    /// Each scan node of a PostgreSQL plan with its index condition, if any. A bitmap heap scan is left out: it reads
    /// the rows its bitmap index scan (listed on its own) found.
    /// </summary>
    private static IEnumerable<(string Node, string? Condition)> ScansOf(List<string> plan)
    {
        for (var i = 0; i < plan.Count; i++)
        {
            if (!plan[i].Contains(" Scan ") || plan[i].Contains("Bitmap Heap Scan")) continue;
            var condition = plan.Skip(i + 1).TakeWhile(l => !l.Contains("->")).FirstOrDefault(l => l.TrimStart().StartsWith("Index Cond:", StringComparison.Ordinal));
            yield return (plan[i], condition);
        }
    }

    private static async Task<List<(string Query, List<string> Plan)>> ProcessAndExplainAsync<TContext>(StorageOptions options) where TContext : ServerSyncDbContext
    {
        await using var plans = await QueryPlans.OpenStoreAsync<TContext>(options);
        var db = plans.Db;
        // Rows of other tables (owners, business units) are not needed for what is looked up here.
        await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "SET session_replication_role = replica;" : "PRAGMA foreign_keys=OFF;");

        var org = new Organization { EnableSmartMatching = true };
        var environment = Guid.NewGuid();
        var queue = Guid.NewGuid();
        // Another environment's mail and customers, with the statistics autovacuum gathers; then this environment's,
        // written since, as a new environment's first import writes them.
        await SeedAsync(db, Guid.NewGuid(), Guid.NewGuid());
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        var earlier = await SeedAsync(db, environment, queue);
        var mailbox = new Mailbox { Id = Guid.NewGuid(), EnvironmentId = environment, OwnerId = queue, OwnerIdType = "queue", OwningBusinessUnitId = Guid.NewGuid() };
        var owner = new MailboxOwner("queue", queue, IncomingFilteringMethod.AllEmail);

        var reply = Mail("Re: anything", inReplyTo: earlier[10]);
        var tracked = Mail("Re: Order 17 CRM:0001017");
        var threaded = Mail("Re: anything else", conversationIndex: ConversationIndex.Child(earlier[20].ConversationIndex, DateTimeOffset.UtcNow));
        var similar = Mail("RE: Subject 30", from: "sender30@example.test", to: "rcpt30@example.test");
        var duplicate = Mail(earlier[40].Subject, messageId: earlier[40].MessageId);
        // A thread that starts and gets its answer within the batch.
        var opening = Mail("Fresh topic", from: "ann@outside.test", to: "bo@outside.test");
        var answer = Mail("AW: Fresh topic", from: "bo@outside.test", to: "ann@outside.test");
        var rows = new NewActivityRows();
        var pipeline = new IncomingPipeline(db, new AddressResolver(db), new Correlator(db, TimeProvider.System), TimeProvider.System, NullLogger<IncomingPipeline>.Instance);

        plans.Record();
        var result = await pipeline.ProcessAsync(mailbox, owner, org, new ParsedBatch([reply, tracked, threaded, similar, duplicate, opening, answer], []), rows, CancellationToken.None);
        plans.Stop();

        Assert.Equal(6, result.Created);
        Assert.Equal(1, result.AlreadyTracked);
        // Each new email inherits what its parent is regarding.
        (CorrelationMethod, EmailActivity)[] expected =
        [
            (CorrelationMethod.InReplyTo, earlier[10]), (CorrelationMethod.TrackingToken, earlier[17]),
            (CorrelationMethod.ConversationIndex, earlier[20]), (CorrelationMethod.SmartMatching, earlier[30]),
        ];
        Assert.Equal(expected.Select(e => e.Item2.RegardingObjectId), rows.Emails.Take(4).Select(e => e.RegardingObjectId));
        Assert.Equal(expected.Select(e => (int)e.Item1), rows.Emails.Take(4).Select(e => e.CorrelationMethod));
        Assert.Equal([(int)CorrelationMethod.None, (int)CorrelationMethod.SmartMatching], rows.Emails.Skip(4).Select(e => e.CorrelationMethod));
        // Each new email is findable by smart matching in turn.
        Assert.Equal(rows.Emails.Select(e => (e.Id, SubjectNormalizer.Hash(e.Subject, e.TrackingToken))), rows.Hashes.Select(h => (h.ActivityId, h.SubjectHash)));
        // Every environment has a contact with the sender's address; only this environment's is the sender.
        var sender = await db.Contacts.AsNoTracking().SingleAsync(c => c.EnvironmentId == environment && c.EmailAddress2 == "sender30@example.test");
        Assert.Equal(sender.Id, rows.Parties.Single(p => p.ActivityId == rows.Emails[3].Id && p.ParticipationTypeMask == (int)ParticipationType.Sender).PartyId);
        // The duplicate is only queued again: the seeded item sits in another queue.
        Assert.Contains(rows.QueueItems, q => q.ObjectId == earlier[40].Id && q.QueueId == queue);
        Assert.Contains(plans.Commands, c => c.Text.Contains("queueitem", StringComparison.OrdinalIgnoreCase));

        return await plans.ExplainAsync();
    }

    /// <summary>
    /// An environment's earlier mail as an import leaves it (each email regarding a record of its own, with two parties
    /// and a queue item) and a contact per sender, the same addresses in every environment.
    /// </summary>
    private static async Task<List<EmailActivity>> SeedAsync(ServerSyncDbContext db, Guid env, Guid queue)
    {
        var now = DateTimeOffset.UtcNow;
        var rows = new NewActivityRows();
        var emails = new List<EmailActivity>();
        var contacts = new List<Contact>();
        for (var i = 0; i < EarlierEmails; i++)
        {
            var messageId = $"<earlier{i}.{env:N}@example.test>";
            var email = new EmailActivity
            {
                Id = Guid.NewGuid(), EnvironmentId = env, OwnerId = queue, OwnerIdType = "queue", OwningBusinessUnitId = Guid.NewGuid(),
                Subject = i == 17 ? "Order 17 CRM:0001017" : $"Subject {i}", Description = new string('x', 2000),
                MessageId = messageId, MessageIdDupCheck = MessageIdentity.DupCheck(messageId),
                TrackingToken = $"CRM:{1000 + i:D7}", ConversationIndex = ConversationIndex.Child(null, now),
                RegardingObjectId = Guid.NewGuid(), RegardingObjectTypeCode = "account",
                StatusCode = (int)EmailStatus.Received, CreatedOn = now.AddMinutes(i - EarlierEmails), ModifiedOn = now,
            };
            rows.Emails.Add(email);
            rows.Hashes.Add(EmailHash.For(email));
            foreach (var (address, type) in new[] { ($"sender{i}@example.test", ParticipationType.Sender), ($"rcpt{i}@example.test", ParticipationType.ToRecipient) })
            {
                rows.Parties.Add(new ActivityParty
                {
                    Id = Guid.NewGuid(), EnvironmentId = env, ActivityId = email.Id, OwnerId = queue, OwningBusinessUnitId = email.OwningBusinessUnitId,
                    ParticipationTypeMask = (int)type, AddressUsed = address, CreatedOn = now, ModifiedOn = now,
                });
            }

            rows.QueueItems.Add(new QueueItem { Id = Guid.NewGuid(), EnvironmentId = env, QueueId = Guid.NewGuid(), ObjectId = email.Id, Title = email.Subject, EnteredOn = now, CreatedOn = now, ModifiedOn = now });
            contacts.Add(new Contact
            {
                Id = Guid.NewGuid(), EnvironmentId = env, OwnerId = queue, OwningBusinessUnitId = email.OwningBusinessUnitId,
                LastName = $"Sender {i}", EmailAddress2 = $"sender{i}@example.test", CreatedOn = now, ModifiedOn = now,
            });
            emails.Add(email);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await rows.InsertAsync(db, CancellationToken.None);
        await db.InsertAsync(contacts, CancellationToken.None);
        await transaction.CommitAsync();
        return emails;
    }

    private static ParsedMail Mail(string? subject, EmailActivity? inReplyTo = null, string? conversationIndex = null, string? messageId = null,
        string from = "someone@example.test", string to = "queue@example.test")
    {
        messageId ??= $"<{Guid.NewGuid():N}@example.test>";
        return new ParsedMail
        {
            ServerId = messageId, MessageId = messageId, DupCheck = MessageIdentity.DupCheck(messageId),
            InReplyTo = inReplyTo?.MessageId, InReplyToDupCheck = inReplyTo?.MessageIdDupCheck, ConversationIndex = conversationIndex,
            Subject = subject, FromAddress = from, To = [to], Cc = [], Attachments = [],
        };
    }
}
