using MailKit.Net.Pop3;
using Microsoft.Extensions.Logging;
using MimeKit;
using MimeKit.Utils;
using ServerSync.Connectors.Abstractions;
using ServerSync.Connectors.Connections;

namespace ServerSync.Connectors.Pop3;

/// <summary>
/// Reads new mail over POP3, keyed on UIDL. Never deletes: the server keeps every message, and the state
/// remembers which UIDLs were handled.
/// </summary>
public sealed class Pop3IncomingConnector(MailSessionRunner sessions, ILogger<Pop3IncomingConnector> logger) : IIncomingConnector
{
    /// <summary>Logging in is the whole test: MailKit sends STAT right after it, which opens the mailbox.</summary>
    public Task TestAsync(MailServerEndpoint endpoint, CancellationToken ct) =>
        sessions.RunPop3Async(endpoint, (_, _) => Task.FromResult(true), ct);

    /// <remarks>
    /// <paramref name="receivedAfter"/> applies on the first sync only, by the Date header (POP3 has no receipt
    /// time): older messages are recorded as handled without being downloaded. Later UIDLs are new arrivals,
    /// whatever their Date header says.
    /// </remarks>
    public Task<bool> FetchAsync<TPrepared>(MailServerEndpoint endpoint, string? state, DateTimeOffset? receivedAfter, FetchLimits limits,
        BatchHandler<TPrepared> handler, CancellationToken ct) =>
        sessions.RunPop3Async(endpoint, async (client, token) =>
        {
            var uidls = await client.GetMessageUidsAsync(token);
            var previous = ReadState(endpoint, state);
            var seen = new HashSet<string>(previous?.SeenUidls ?? [], StringComparer.Ordinal);
            var unseen = Enumerable.Range(0, uidls.Count).Where(index => !seen.Contains(uidls[index])).ToList();

            if (previous is null && receivedAfter is { } after && unseen.Count > 0)
            {
                var headers = await client.GetMessageHeadersAsync(unseen, token);
                for (var i = 0; i < unseen.Count; i++)
                {
                    if (WasSentBefore(headers[i], after))
                    {
                        seen.Add(uidls[unseen[i]]);
                    }
                }

                unseen.RemoveAll(index => seen.Contains(uidls[index]));
            }

            var chunks = limits.Batches(unseen);
            // Server order, and only UIDLs still on the server: deleted messages drop out of the state.
            string StateAfter(IEnumerable<string> handled)
            {
                seen.UnionWith(handled);
                return new Pop3SyncState(uidls.Where(seen.Contains).ToList()).ToJson();
            }

            if (chunks.Count == 0)
            {
                var current = StateAfter([]);
                if (current != state) await BatchHandling.HandleAsync(handler, new FetchBatch([], current), token);
                return false;
            }

            await PrefetchingBatchLoop.RunAsync(chunks.Count, async (index, downloadToken) =>
            {
                var chunk = chunks[index];
                var streams = await client.GetStreamsAsync(chunk, headersOnly: false, downloadToken);
                var messages = new List<FetchedMessage>(chunk.Length);
                for (var i = 0; i < chunk.Length; i++)
                {
                    await using var stream = streams[i];
                    using var copy = new MemoryStream();
                    await stream.CopyToAsync(copy, downloadToken);
                    messages.Add(new FetchedMessage(uidls[chunk[i]], copy.ToArray(), ReceivedOn: null));
                }

                return new FetchBatch(messages, StateAfter(chunk.Select(i => uidls[i])));
            }, handler, token);
            return unseen.Count > limits.MaxMessages;
        }, ct);

    /// <summary>POP3 cannot push new mail.</summary>
    public Task<bool> WaitForNewMailAsync(MailServerEndpoint endpoint, string? state, TimeSpan maxWait, CancellationToken ct) => Task.FromResult(false);

    private Pop3SyncState? ReadState(MailServerEndpoint endpoint, string? state)
    {
        if (state is null)
        {
            return null;
        }

        if (!Pop3SyncState.TryParse(state, out var previous))
        {
            logger.LogWarning("Unreadable POP3 sync state for {Endpoint}; starting over from the processing start date", endpoint);
        }

        return previous;
    }

    /// <summary>A message without a readable Date header is kept: processing it beats losing it.</summary>
    private static bool WasSentBefore(HeaderList headers, DateTimeOffset receivedAfter) =>
        headers[HeaderId.Date] is { } value && DateUtils.TryParse(value, out var sent) && sent < receivedAfter;
}
