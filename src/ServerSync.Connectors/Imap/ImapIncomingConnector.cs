using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using ServerSync.Connectors.Abstractions;
using ServerSync.Connectors.Connections;

namespace ServerSync.Connectors.Imap;

/// <summary>
/// Reads new Inbox mail over IMAP, incrementally by UID within one UIDVALIDITY. The Inbox is opened read-only
/// and bodies are fetched with BODY.PEEK, so nothing is ever marked \Seen.
/// </summary>
public sealed class ImapIncomingConnector(MailSessionRunner sessions, ILogger<ImapIncomingConnector> logger) : IIncomingConnector
{
    /// <summary>FETCH answers a listed message may be left out of before it is given up (with an alert naming it).</summary>
    public const int MissingMessageTries = 3;

    // RFC 2177: re-issue IDLE well before the server's 30-minute limit; also outlives typical NAT idle timeouts.
    private static readonly TimeSpan MaxIdleSlice = TimeSpan.FromMinutes(9);

    public Task TestAsync(MailServerEndpoint endpoint, CancellationToken ct) =>
        sessions.RunImapAsync(endpoint, async (client, token) =>
        {
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly, token);
            return true;
        }, ct);

    /// <remarks>
    /// <paramref name="receivedAfter"/> applies to every batch, not only the first: like server-side sync, an old
    /// message moved back into the Inbox (new UID, old INTERNALDATE) is not processed. A message the server lists but
    /// leaves out of its FETCH answer is asked for again in the next sessions, before new mail; after
    /// <see cref="MissingMessageTries"/> answers without it, it is handed over as <see cref="FetchBatch.Unavailable"/>.
    /// </remarks>
    public Task<bool> FetchAsync<TPrepared>(MailServerEndpoint endpoint, string? state, DateTimeOffset? receivedAfter, FetchLimits limits,
        BatchHandler<TPrepared> handler, CancellationToken ct) =>
        sessions.RunImapAsync(endpoint, async (client, token) =>
        {
            // ImapClient's folders are ImapFolders; the streaming body fetch is only declared there.
            var inbox = (ImapFolder)client.Inbox;
            await inbox.OpenAsync(FolderAccess.ReadOnly, token);
            var uidValidity = inbox.UidValidity;
            var resume = ResumePoint(endpoint, state, uidValidity);
            var lastUid = resume.LastUid;
            var uidNext = inbox.UidNext?.Id;

            // Expunged meanwhile: gone for good, nothing to retry.
            var missing = resume.Missing is { Count: > 0 } retries ? await StillListedAsync(inbox, retries, token) : [];
            // UIDNEXT grows with every delivery: unchanged since the last batch means there is nothing to search.
            var fresh = uidNext <= lastUid + 1 ? [] : await SearchNewAsync(inbox, lastUid, receivedAfter, token);
            var candidates = missing.Keys.Order().Select(uid => new UniqueId(uid)).Concat(fresh).ToList();
            var examined = candidates.Take(limits.MaxMessages).ToList();
            var moreAvailable = candidates.Count > examined.Count;
            var chunks = limits.Batches(examined);
            if (chunks.Count == 0)
            {
                // Nothing new: remember that everything below UIDNEXT is handled. UIDNEXT is optional before IMAP4rev2;
                // without it there is nothing to move the resume point past.
                var handled = new ImapSyncState(uidValidity, uidNext is { } next ? Math.Max(lastUid, next - 1) : lastUid).ToJson();
                if (handled != state) await BatchHandling.HandleAsync(handler, new FetchBatch([], handled), token);
                return false;
            }

            // Downloads run one at a time and in order, so each batch's state includes what the batches before it found missing.
            var handledUpTo = lastUid;
            await PrefetchingBatchLoop.RunAsync(chunks.Count, async (index, downloadToken) =>
            {
                var chunk = chunks[index];
                var receivedOn = await ReadInternalDatesAsync(inbox, chunk, downloadToken);
                var wanted = chunk.Where(uid => IsReceivedAfter(receivedOn.GetValueOrDefault(uid), receivedAfter)).ToList();
                var mime = await DownloadAsync(inbox, wanted, downloadToken);
                var messages = wanted
                    .Where(mime.ContainsKey)
                    .Select(uid => new FetchedMessage($"{uidValidity}:{uid.Id}", mime[uid], receivedOn.GetValueOrDefault(uid)))
                    .ToList();
                var unavailable = new List<string>();
                foreach (var uid in chunk)
                {
                    if (!wanted.Contains(uid) || mime.ContainsKey(uid))
                    {
                        missing.Remove(uid.Id);
                        continue;
                    }

                    var tries = missing.GetValueOrDefault(uid.Id) + 1;
                    logger.LogWarning("{Endpoint} listed message {Uid} of the Inbox but did not return it (try {Tries} of {Max})", endpoint, uid.Id, tries, MissingMessageTries);
                    if (tries < MissingMessageTries)
                    {
                        missing[uid.Id] = tries;
                        continue;
                    }

                    missing.Remove(uid.Id);
                    unavailable.Add($"{uidValidity}:{uid.Id}");
                }

                handledUpTo = Math.Max(handledUpTo, chunk.Max(uid => uid.Id));
                if (index == chunks.Count - 1 && !moreAvailable && uidNext is not null)
                {
                    // Every candidate is examined, so everything below UIDNEXT is handled and the next call can skip the search.
                    handledUpTo = Math.Max(handledUpTo, uidNext.Value - 1);
                }

                var nextState = new ImapSyncState(uidValidity, handledUpTo, missing.Count == 0 ? null : new Dictionary<uint, int>(missing));
                return new FetchBatch(messages, nextState.ToJson()) { Unavailable = unavailable };
            }, handler, token);
            return moreAvailable;
        }, ct);

    /// <summary>
    /// Returns true when the Inbox already holds mail past <paramref name="state"/> (delivered between the last fetch and
    /// this session: UIDNEXT moved on, or the Inbox was renumbered), or when the server reports new mail (EXISTS grows)
    /// within <paramref name="maxWait"/>; false at once without IDLE.
    /// </summary>
    public Task<bool> WaitForNewMailAsync(MailServerEndpoint endpoint, string? state, TimeSpan maxWait, CancellationToken ct) =>
        sessions.RunImapAsync(endpoint, async (client, token) =>
        {
            if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
            {
                return false;
            }

            var inbox = client.Inbox;
            await inbox.OpenAsync(FolderAccess.ReadOnly, token);
            if (state is not null && ImapSyncState.TryParse(state, out var seen)
                && (seen.UidValidity != inbox.UidValidity || inbox.UidNext?.Id > seen.LastUid + 1))
            {
                return true;
            }

            using var newMail = new CancellationTokenSource();
            var knownCount = inbox.Count;
            void OnCountChanged(object? sender, EventArgs e)
            {
                if (inbox.Count > knownCount)
                {
                    newMail.Cancel();
                }

                // An expunge lowers the count; a later delivery must still be seen as growth.
                knownCount = inbox.Count;
            }

            inbox.CountChanged += OnCountChanged;
            try
            {
                var waited = Stopwatch.StartNew();
                while (!newMail.IsCancellationRequested && waited.Elapsed < maxWait)
                {
                    var slice = TimeSpan.FromTicks(Math.Min((maxWait - waited.Elapsed).Ticks, MaxIdleSlice.Ticks));
                    // The server may stay silent for the whole slice; only the answer to DONE must be prompt.
                    client.Timeout = MailSessionRunner.ToMilliseconds(slice + endpoint.Timeout);
                    using var sliceOver = new CancellationTokenSource(slice);
                    using var done = CancellationTokenSource.CreateLinkedTokenSource(sliceOver.Token, newMail.Token);
                    await client.IdleAsync(done.Token, token);
                }
            }
            finally
            {
                inbox.CountChanged -= OnCountChanged;
                // LOGOUT gets the profile's timeout again.
                client.Timeout = MailSessionRunner.ToMilliseconds(endpoint.Timeout);
            }

            return newMail.IsCancellationRequested;
        }, ct);

    /// <summary>Where to go on from, or from UID 0 to start over (first sync, unreadable state, or a new UIDVALIDITY).</summary>
    private ImapSyncState ResumePoint(MailServerEndpoint endpoint, string? state, uint uidValidity)
    {
        var startOver = new ImapSyncState(uidValidity, 0);
        if (state is null)
        {
            return startOver;
        }

        if (!ImapSyncState.TryParse(state, out var previous))
        {
            logger.LogWarning("Unreadable IMAP sync state for {Endpoint}; starting over from the processing start date", endpoint);
            return startOver;
        }

        if (previous.UidValidity != uidValidity)
        {
            // The server renumbered the Inbox; the pipeline drops messages it already has by Message-ID.
            logger.LogWarning("UIDVALIDITY of the Inbox of {Endpoint} changed from {Old} to {New}; starting over from the processing start date",
                endpoint, previous.UidValidity, uidValidity);
            return startOver;
        }

        return previous;
    }

    /// <summary>The messages to try again that the Inbox still holds, with their tries so far.</summary>
    private static async Task<Dictionary<uint, int>> StillListedAsync(ImapFolder inbox, IReadOnlyDictionary<uint, int> missing, CancellationToken ct)
    {
        var listed = await inbox.SearchAsync(SearchQuery.Uids(missing.Keys.Select(uid => new UniqueId(uid)).ToList()), ct);
        return listed.Where(uid => missing.ContainsKey(uid.Id)).ToDictionary(uid => uid.Id, uid => missing[uid.Id]);
    }

    /// <summary>UIDs above <paramref name="lastUid"/>, ascending; with a date, only those SEARCH SINCE can't rule out.</summary>
    private static async Task<IReadOnlyList<UniqueId>> SearchNewAsync(ImapFolder inbox, uint lastUid, DateTimeOffset? receivedAfter, CancellationToken ct)
    {
        SearchQuery query = SearchQuery.Uids(new UniqueIdRange(new UniqueId(lastUid + 1), UniqueId.MaxValue));
        if (receivedAfter is { } after)
        {
            // SINCE compares dates only, in the server's time zone: a day earlier is safe in any zone; the exact
            // cut is made on INTERNALDATE afterwards.
            query = query.And(SearchQuery.DeliveredAfter(after.UtcDateTime.Date.AddDays(-1)));
        }

        var found = await inbox.SearchAsync(query, ct);
        // "n:*" also matches the highest UID when it is below n.
        return found.Where(uid => uid.Id > lastUid).OrderBy(uid => uid.Id).ToList();
    }

    private static async Task<Dictionary<UniqueId, DateTimeOffset?>> ReadInternalDatesAsync(ImapFolder inbox, IList<UniqueId> uids, CancellationToken ct)
    {
        if (uids.Count == 0)
        {
            return [];
        }

        // MailKit's streaming body fetch cannot carry INTERNALDATE; this FETCH is a few bytes per message.
        var summaries = await inbox.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate, ct);
        // A server may answer without a message or send one twice; a missing date keeps the message.
        var dates = new Dictionary<UniqueId, DateTimeOffset?>();
        foreach (var summary in summaries.Where(summary => summary.UniqueId.IsValid)) dates[summary.UniqueId] = summary.InternalDate;
        return dates;
    }

    /// <summary>All bodies in one UID FETCH (BODY.PEEK[]), keyed by UID.</summary>
    private static async Task<Dictionary<UniqueId, ReadOnlyMemory<byte>>> DownloadAsync(ImapFolder inbox, IList<UniqueId> uids, CancellationToken ct)
    {
        var mime = new Dictionary<UniqueId, ReadOnlyMemory<byte>>();
        if (uids.Count == 0)
        {
            return mime;
        }

        await inbox.GetStreamsAsync(uids, async (_, _, uid, stream, token) => mime[uid] = await ReadAllAsync(stream, token), ct);
        return mime;
    }

    /// <summary>
    /// MailKit hands over each body already read into a seekable stream, so the bytes are copied once into an array of
    /// the exact size: a growing buffer would allocate several times the message (large ones on the large object heap).
    /// </summary>
    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken ct)
    {
        if (!stream.CanSeek)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            return copy.ToArray();
        }

        var bytes = new byte[stream.Length - stream.Position];
        await stream.ReadExactlyAsync(bytes, ct);
        return bytes;
    }

    /// <summary>INTERNALDATE has whole seconds, so the boundary second is kept; unknown dates are kept too.</summary>
    private static bool IsReceivedAfter(DateTimeOffset? receivedOn, DateTimeOffset? receivedAfter) =>
        receivedOn is null || receivedAfter is null ||
        receivedOn.Value >= receivedAfter.Value.AddTicks(-(receivedAfter.Value.Ticks % TimeSpan.TicksPerSecond));
}
