using System.Collections.Concurrent;
using MimeKit;
using ServerSync.Connectors.Abstractions;

namespace ServerSync.Engine.Tests.Harness;

/// <summary>
/// A mail server in memory that implements the connector contracts (incoming with IDLE, SMTP, Sent folder), so the
/// real engine runs against it without sockets. Accounts are keyed by the endpoint's user name; the sync state is
/// "memory:&lt;last UID&gt;". IDLE waits and receipt times follow the harness's fake clock.
/// </summary>
public sealed class MemoryMailServer(TimeProvider clock) : IIncomingConnector, IOutgoingConnector, ISentFolder
{
    private const string StatePrefix = "memory:";
    private readonly ConcurrentDictionary<string, MemoryMailAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public MemoryMailAccount Account(string userName) => _accounts.GetOrAdd(userName, name => new MemoryMailAccount(name));

    /// <summary>Delivers a message to the account now (INTERNALDATE: the fake clock's now).</summary>
    public void Deliver(string userName, MimeMessage message) => Account(userName).Deliver(message, clock.GetUtcNow());

    public Task TestAsync(MailServerEndpoint endpoint, CancellationToken ct) => Account(endpoint).TestAsync();

    public async Task<bool> FetchAsync<TPrepared>(MailServerEndpoint endpoint, string? state, DateTimeOffset? receivedAfter, FetchLimits limits,
        BatchHandler<TPrepared> handler, CancellationToken ct)
    {
        var account = Account(endpoint);
        account.CountFetch(clock.GetUtcNow());
        var seen = LastUid(state);
        var (newer, lastUid, unavailable) = account.After(seen);
        var candidates = newer.Where(m => receivedAfter is null || m.ReceivedOn >= receivedAfter).ToList();
        var wanted = candidates.Take(limits.MaxMessages).ToList();
        var moreAvailable = candidates.Count > wanted.Count;
        var chunks = limits.Batches(wanted);
        if (chunks.Count == 0)
        {
            var current = new FetchBatch([], StatePrefix + Math.Max(seen, lastUid)) { Unavailable = unavailable };
            if (current.NextState != state || unavailable.Count > 0) await handler.Store(current, handler.Prepare(current, ct), ct);
            return false;
        }
        for (var i = 0; i < chunks.Count; i++)
        {
            var last = i == chunks.Count - 1 && !moreAvailable ? lastUid : Uid(chunks[i][^1]);
            var batch = new FetchBatch(chunks[i], StatePrefix + last) { Unavailable = i == 0 ? unavailable : [] };
            var prepared = handler.Prepare(batch, ct);
            if (account.BeforeStore is { } hook) await hook(batch, ct);
            await handler.Store(batch, prepared, ct);
        }
        return moreAvailable;
    }

    public Task<bool> WaitForNewMailAsync(MailServerEndpoint endpoint, string? state, TimeSpan maxWait, CancellationToken ct) =>
        Account(endpoint).WaitAsync(LastUid(state), maxWait, clock, ct);

    Task IOutgoingConnector.TestAsync(MailServerEndpoint endpoint, CancellationToken ct) => Task.CompletedTask;

    public Task SendAsync(MailServerEndpoint endpoint, MimeMessage message, Func<CancellationToken, Task> beforeTransfer, CancellationToken ct) =>
        Account(endpoint).SendAsync(message, beforeTransfer, ct);

    public Task<bool> ContainsAsync(MailServerEndpoint endpoint, string messageId, CancellationToken ct) =>
        Task.FromResult(Account(endpoint).SentFolderContains(messageId));

    public Task AppendAsync(MailServerEndpoint endpoint, MimeMessage message, CancellationToken ct)
    {
        Account(endpoint).FileSent(message);
        return Task.CompletedTask;
    }

    private MemoryMailAccount Account(MailServerEndpoint endpoint) => Account(endpoint.UserName ?? "");

    private static uint LastUid(string? state) => state is not null && state.StartsWith(StatePrefix, StringComparison.Ordinal) ? uint.Parse(state[StatePrefix.Length..]) : 0;

    private static uint Uid(FetchedMessage message) => uint.Parse(message.ServerId.Split(':')[1]);
}
