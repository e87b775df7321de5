using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Email;
using ServerSync.Storage;

namespace ServerSync.Engine.Incoming;

/// <summary>
/// Finds the earlier email a received one belongs to, in the documented order (reference 2.5.3):
/// In-Reply-To, tracking token, conversation index, smart matching. Looks up a whole batch at once.
/// </summary>
public sealed class Correlator(ServerSyncDbContext db)
{
    public sealed record Earlier(Guid Id, Guid? RegardingObjectId, string? RegardingObjectTypeCode, Guid? MessageIdDupCheck, string? TrackingToken, string? ConversationIndex);

    public sealed record Result(Earlier? Parent, CorrelationMethod Method);

    private Dictionary<Guid, Earlier> _byMessageId = [];
    private Dictionary<string, Earlier> _byToken = [];
    private Dictionary<string, Earlier> _byIndex = [];

    public async Task PrepareAsync(Guid environmentId, Organization org, IReadOnlyList<ParsedMail> batch, CancellationToken ct)
    {
        var replyTo = batch.Select(m => m.InReplyToDupCheck).OfType<Guid>().Distinct().ToList();
        var tokens = batch.Select(m => TrackingToken.Find(m.Subject, org)).OfType<string>().Distinct().ToList();
        var parents = batch.Select(m => m.ConversationIndex is null ? null : ConversationIndex.Parent(m.ConversationIndex)).OfType<string>().Distinct().ToList();
        var emails = db.Emails.AsNoTracking();
        // One query per key, so each searches its own index (an OR of the three makes SQLite read the environment's
        // mail). Each goes by key alone, on an index that starts with the key, and the environment is checked here: with
        // a condition on the environment, PostgreSQL may pick an index on the environment instead (see the model) and
        // read all of its mail. Each column is tested for null, or EF Core adds a test for a null key no index answers.
        var found = new List<Earlier>();
        if (replyTo.Count > 0) found.AddRange(await SelectAsync(environmentId, emails.Where(e => e.MessageIdDupCheck != null && replyTo.Contains(e.MessageIdDupCheck.Value)), ct));
        if (tokens.Count > 0) found.AddRange(await SelectAsync(environmentId, emails.Where(e => e.TrackingToken != null && tokens.Contains(e.TrackingToken)), ct));
        if (parents.Count > 0) found.AddRange(await SelectAsync(environmentId, emails.Where(e => e.ConversationIndex != null && parents.Contains(e.ConversationIndex)), ct));
        _byMessageId = found.Where(e => e.MessageIdDupCheck is not null).GroupBy(e => e.MessageIdDupCheck!.Value).ToDictionary(g => g.Key, g => g.First());
        _byToken = found.Where(e => e.TrackingToken is not null).GroupBy(e => e.TrackingToken!).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        _byIndex = found.Where(e => e.ConversationIndex is not null).GroupBy(e => e.ConversationIndex!).ToDictionary(g => g.Key, g => g.First());
    }

    private static async Task<IEnumerable<Earlier>> SelectAsync(Guid environmentId, IQueryable<EmailActivity> emails, CancellationToken ct) =>
        (await emails.Select(e => new { e.EnvironmentId, Earlier = new Earlier(e.Id, e.RegardingObjectId, e.RegardingObjectTypeCode, e.MessageIdDupCheck, e.TrackingToken, e.ConversationIndex) })
            .ToListAsync(ct)).Where(e => e.EnvironmentId == environmentId).Select(e => e.Earlier);

    /// <summary>Makes an email created earlier in the same batch findable by the rest of the batch.</summary>
    public void Remember(EmailActivity email)
    {
        var earlier = new Earlier(email.Id, email.RegardingObjectId, email.RegardingObjectTypeCode, email.MessageIdDupCheck, email.TrackingToken, email.ConversationIndex);
        if (email.MessageIdDupCheck is { } dup) _byMessageId.TryAdd(dup, earlier);
        if (email.TrackingToken is { } token) _byToken.TryAdd(token, earlier);
        if (email.ConversationIndex is { } index) _byIndex.TryAdd(index, earlier);
    }

    public async Task<Result> CorrelateAsync(Guid environmentId, Organization org, ParsedMail mail, CancellationToken ct)
    {
        if (!org.EmailCorrelationEnabled) return new Result(null, CorrelationMethod.None);
        if (mail.InReplyToDupCheck is { } reply && _byMessageId.TryGetValue(reply, out var parent))
            return new Result(parent, CorrelationMethod.InReplyTo);
        if (TrackingToken.Find(mail.Subject, org) is { } token && _byToken.TryGetValue(token, out var tracked))
            return new Result(tracked, CorrelationMethod.TrackingToken);
        if (mail.ConversationIndex is { } index && ConversationIndex.Parent(index) is { } parentIndex && _byIndex.TryGetValue(parentIndex, out var threaded))
            return new Result(threaded, CorrelationMethod.ConversationIndex);
        if (org.EnableSmartMatching && await SmartMatchAsync(environmentId, org, mail, ct) is { } similar)
            return new Result(similar, CorrelationMethod.SmartMatching);
        return new Result(null, CorrelationMethod.None);
    }

    /// <summary>
    /// Smart matching (reference 2.6): the same subject words once reply prefixes and the tracking token are stripped
    /// (equal <see cref="EmailHash"/> subject hashes), and at least HashMinAddressCount (2) addresses in common; only the
    /// last 90 days are searched. Every email with the same subject is a candidate (two people who write often share many
    /// threads; a cut-off could drop the parent), found through the hash's index, and the newest sharing two addresses
    /// wins. The query goes by hash alone, like the lookups above; the environment is checked here.
    /// </summary>
    private async Task<Earlier?> SmartMatchAsync(Guid environmentId, Organization org, ParsedMail mail, CancellationToken ct)
    {
        var subject = SubjectNormalizer.Hash(mail.Subject, TrackingToken.Find(mail.Subject, org));
        if (subject is null) return null;
        var addresses = mail.AllAddresses.ToList();
        var since = DateTimeOffset.UtcNow.AddDays(-90);
        var candidates = await (from h in db.EmailHashes.AsNoTracking()
                                join p in db.ActivityParties.AsNoTracking() on h.ActivityId equals p.ActivityId
                                where h.SubjectHash == subject && h.CreatedOn >= since && p.AddressUsed != null && addresses.Contains(p.AddressUsed)
                                group p by new { h.ActivityId, h.EnvironmentId, h.CreatedOn } into g
                                where g.Select(x => x.AddressUsed).Distinct().Count() >= 2
                                select g.Key).ToListAsync(ct);
        var id = candidates.Where(c => c.EnvironmentId == environmentId).OrderByDescending(c => c.CreatedOn).FirstOrDefault()?.ActivityId;
        var match = id is null ? null : await db.Emails.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Id, e.RegardingObjectId, e.RegardingObjectTypeCode, e.MessageIdDupCheck, e.TrackingToken, e.ConversationIndex }).SingleAsync(ct);
        return match is null ? null : new Earlier(match.Id, match.RegardingObjectId, match.RegardingObjectTypeCode, match.MessageIdDupCheck, match.TrackingToken, match.ConversationIndex);
    }
}
