using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Email;
using ServerSync.Storage;

namespace ServerSync.Engine.Incoming;

/// <summary>
/// Finds the earlier email a received one belongs to, in the documented order (reference 2.5.3):
/// In-Reply-To, tracking token, conversation index, smart matching. Looks up a whole batch at once.
/// </summary>
public sealed class Correlator(ServerSyncDbContext db, TimeProvider clock)
{
    public sealed record Earlier(Guid Id, Guid? RegardingObjectId, string? RegardingObjectTypeCode, Guid? MessageIdDupCheck, string? TrackingToken, string? ConversationIndex);

    public sealed record Result(Earlier? Parent, CorrelationMethod Method);

    private Dictionary<Guid, Earlier> _byMessageId = [];
    private Dictionary<string, Earlier> _byToken = [];
    private Dictionary<string, Earlier> _byIndex = [];
    private Dictionary<Guid, List<Similar>> _bySubject = [];

    /// <summary>HashMinAddressCount: the addresses two mails must share to match (reference 2.6, default 2).</summary>
    private const int MinimumSharedAddresses = 2;

    /// <summary>An earlier email with a given subject hash: when it was created and the addresses it was between.</summary>
    private sealed record Similar(Earlier Email, DateTimeOffset CreatedOn, HashSet<string> Addresses);

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
        _bySubject = org.EmailCorrelationEnabled && org.EnableSmartMatching ? await SimilarAsync(environmentId, org, batch, ct) : [];
    }

    /// <summary>
    /// Smart matching's candidates for the whole batch (reference 2.6): the emails of the last 90 days with a subject hash
    /// of the batch (the same words once reply prefixes and the tracking token are stripped, <see cref="EmailHash"/>),
    /// with those of their addresses the batch uses. Found through the hash's index, by hash alone like the lookups
    /// above; the environment is checked here. Every such email is a candidate, with no cut-off: two people who write
    /// often share many threads, and a cut-off could drop the parent.
    /// </summary>
    private async Task<Dictionary<Guid, List<Similar>>> SimilarAsync(Guid environmentId, Organization org, IReadOnlyList<ParsedMail> batch, CancellationToken ct)
    {
        var hashes = batch.Select(m => SubjectHashOf(m, org)).OfType<Guid>().Distinct().ToList();
        var addresses = batch.SelectMany(m => m.AllAddresses).Distinct().ToList();
        if (hashes.Count == 0 || addresses.Count == 0) return [];
        var since = clock.GetUtcNow().AddDays(-90);
        var rows = await (from h in db.EmailHashes.AsNoTracking()
                          join p in db.ActivityParties.AsNoTracking() on h.ActivityId equals p.ActivityId
                          join e in db.Emails.AsNoTracking() on h.ActivityId equals e.Id
                          where h.SubjectHash != null && hashes.Contains(h.SubjectHash.Value) && h.CreatedOn >= since
                                && p.AddressUsed != null && addresses.Contains(p.AddressUsed)
                          select new
                          {
                              h.EnvironmentId, Hash = h.SubjectHash!.Value, h.CreatedOn, p.AddressUsed,
                              Earlier = new Earlier(e.Id, e.RegardingObjectId, e.RegardingObjectTypeCode, e.MessageIdDupCheck, e.TrackingToken, e.ConversationIndex),
                          }).ToListAsync(ct);
        return rows.Where(r => r.EnvironmentId == environmentId).GroupBy(r => r.Earlier.Id)
            .Select(g => (g.First().Hash, Similar: new Similar(g.First().Earlier, g.First().CreatedOn, g.Select(r => r.AddressUsed!).ToHashSet())))
            .GroupBy(x => x.Hash).ToDictionary(g => g.Key, g => g.Select(x => x.Similar).ToList());
    }

    private static Guid? SubjectHashOf(ParsedMail mail, Organization org) => SubjectNormalizer.Hash(mail.Subject, TrackingToken.Find(mail.Subject, org));

    private static async Task<IEnumerable<Earlier>> SelectAsync(Guid environmentId, IQueryable<EmailActivity> emails, CancellationToken ct) =>
        (await emails.Select(e => new { e.EnvironmentId, Earlier = new Earlier(e.Id, e.RegardingObjectId, e.RegardingObjectTypeCode, e.MessageIdDupCheck, e.TrackingToken, e.ConversationIndex) })
            .ToListAsync(ct)).Where(e => e.EnvironmentId == environmentId).Select(e => e.Earlier);

    /// <summary>
    /// Makes an email created earlier in the same batch (from <paramref name="mail"/>, with its <paramref name="hash"/>)
    /// findable by the rest of the batch.
    /// </summary>
    public void Remember(EmailActivity email, EmailHash hash, ParsedMail mail)
    {
        var earlier = new Earlier(email.Id, email.RegardingObjectId, email.RegardingObjectTypeCode, email.MessageIdDupCheck, email.TrackingToken, email.ConversationIndex);
        if (email.MessageIdDupCheck is { } dup) _byMessageId.TryAdd(dup, earlier);
        if (email.TrackingToken is { } token) _byToken.TryAdd(token, earlier);
        if (email.ConversationIndex is { } index) _byIndex.TryAdd(index, earlier);
        if (hash.SubjectHash is { } subject)
        {
            if (!_bySubject.TryGetValue(subject, out var similar)) _bySubject[subject] = similar = [];
            similar.Add(new Similar(earlier, email.CreatedOn, mail.AllAddresses.ToHashSet()));
        }
    }

    public Result Correlate(Organization org, ParsedMail mail)
    {
        if (!org.EmailCorrelationEnabled) return new Result(null, CorrelationMethod.None);
        if (mail.InReplyToDupCheck is { } reply && _byMessageId.TryGetValue(reply, out var parent))
            return new Result(parent, CorrelationMethod.InReplyTo);
        if (TrackingToken.Find(mail.Subject, org) is { } token && _byToken.TryGetValue(token, out var tracked))
            return new Result(tracked, CorrelationMethod.TrackingToken);
        if (mail.ConversationIndex is { } index && ConversationIndex.Parent(index) is { } parentIndex && _byIndex.TryGetValue(parentIndex, out var threaded))
            return new Result(threaded, CorrelationMethod.ConversationIndex);
        // Smart matching: the newest email with the same subject words sharing HashMinAddressCount addresses (of equally
        // new ones, the last remembered: the batch's own mail is created at one time).
        if (org.EnableSmartMatching && SubjectHashOf(mail, org) is { } subject && _bySubject.TryGetValue(subject, out var candidates)
            && Enumerable.Reverse(candidates).Where(c => mail.AllAddresses.Distinct().Count(c.Addresses.Contains) >= MinimumSharedAddresses).MaxBy(c => c.CreatedOn) is { } similar)
            return new Result(similar.Email, CorrelationMethod.SmartMatching);
        return new Result(null, CorrelationMethod.None);
    }
}
