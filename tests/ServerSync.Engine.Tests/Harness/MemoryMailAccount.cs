using MimeKit;
using ServerSync.Connectors.Abstractions;

namespace ServerSync.Engine.Tests.Harness;

/// <summary>
/// One account of the <see cref="MemoryMailServer"/>: an Inbox numbered by UID, a Sent folder and the mail sent
/// through it, with switches for what a real server does at awkward moments (drop an IDLE, fail a login) and hooks
/// that run inside the engine's work, so a test can interleave a user's edit with a cycle exactly where it wants.
/// </summary>
public sealed class MemoryMailAccount(string userName)
{
    private readonly Lock _gate = new();
    private readonly List<FetchedMessage> _inbox = [];
    private readonly List<MimeMessage> _sent = [];
    private readonly List<MimeMessage> _sentFolder = [];
    private readonly List<DateTimeOffset> _fetchTimes = [];
    private readonly List<string> _unavailable = [];
    private TaskCompletionSource _inboxChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _fetches, _idleWaitsStarted, _idleWaitsOpen;

    public string UserName { get; } = userName;

    /// <summary>False: the server has no IDLE (a wait returns false at once, as POP3 does).</summary>
    public bool CanPush { get; set; } = true;

    /// <summary>False: the server has no Sent folder (filing a copy fails with MailboxNotFound).</summary>
    public bool HasSentFolder { get; set; } = true;

    /// <summary>Thrown by every session (fetch, wait, send) while set: the server is down or refuses the login.</summary>
    public MailServerException? Failure { get; set; }

    /// <summary>Thrown by every IDLE wait while set (fetches still work): a server that refuses or drops IDLE connections.</summary>
    public MailServerException? IdleFailure { get; set; }

    /// <summary>Runs in every fetch after a batch is downloaded and prepared, before the engine stores it.</summary>
    public Func<FetchBatch, CancellationToken, Task>? BeforeStore { get; set; }

    /// <summary>Runs after the server accepted a message, before the engine hears so.</summary>
    public Func<MimeMessage, CancellationToken, Task>? AfterSend { get; set; }

    /// <summary>Incoming sessions so far: each cycle that receives makes one.</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    public int IdleWaitsStarted => Volatile.Read(ref _idleWaitsStarted);

    /// <summary>IDLE waits open right now: 1 while the engine holds the mailbox's push channel.</summary>
    public int IdleWaitsOpen => Volatile.Read(ref _idleWaitsOpen);

    public IReadOnlyList<MimeMessage> Sent { get { lock (_gate) return _sent.ToList(); } }

    public IReadOnlyList<MimeMessage> SentFolder { get { lock (_gate) return _sentFolder.ToList(); } }

    /// <summary>Puts a message in the Inbox with the next UID and wakes the IDLE waits.</summary>
    public void Deliver(MimeMessage message, DateTimeOffset receivedOn) => Deliver(message, receivedOn, unavailableBeside: null);

    /// <summary>
    /// Delivers a message and, in the same step, has the fetch that finds it report <paramref name="unavailableBeside"/>
    /// as given up, so both are in one cycle whatever the engine is doing at the moment.
    /// </summary>
    public void Deliver(MimeMessage message, DateTimeOffset receivedOn, string? unavailableBeside)
    {
        using var mime = new MemoryStream();
        message.WriteTo(mime);
        lock (_gate)
        {
            if (unavailableBeside is not null) _unavailable.Add(unavailableBeside);
            _inbox.Add(new FetchedMessage($"1:{_inbox.Count + 1}", mime.ToArray(), receivedOn));
            SignalLocked(null);
        }
    }

    /// <summary>Ends every open IDLE wait with a connection error, as a server closing an idle connection does.</summary>
    public void DropIdle()
    {
        lock (_gate) SignalLocked(new MailServerException(MailErrorClass.Transient, MailErrorKind.Connection, "the server closed the connection"));
    }

    /// <summary>The Inbox after a UID and the server ids given up, taken together so a fetch sees one moment.</summary>
    internal (IReadOnlyList<FetchedMessage> Messages, uint LastUid, IReadOnlyList<string> Unavailable) After(uint uid)
    {
        lock (_gate)
        {
            var unavailable = _unavailable.ToList();
            _unavailable.Clear();
            return (_inbox.Skip((int)uid).ToList(), (uint)_inbox.Count, unavailable);
        }
    }

    internal Task TestAsync()
    {
        ThrowIfFailing();
        return Task.CompletedTask;
    }

    /// <summary>When (fake clock) each incoming session began.</summary>
    public IReadOnlyList<DateTimeOffset> FetchTimes { get { lock (_gate) return _fetchTimes.ToList(); } }

    internal void CountFetch(DateTimeOffset now)
    {
        ThrowIfFailing();
        Interlocked.Increment(ref _fetches);
        lock (_gate) _fetchTimes.Add(now);
    }

    internal async Task<bool> WaitAsync(uint seenUid, TimeSpan maxWait, TimeProvider clock, CancellationToken ct)
    {
        ThrowIfFailing();
        if (!CanPush) return false;
        if (IdleFailure is { } refused)
        {
            Interlocked.Increment(ref _idleWaitsStarted);
            throw refused;
        }
        Task changed;
        lock (_gate)
        {
            if (_inbox.Count > seenUid) return true;
            changed = _inboxChanged.Task;
        }
        Interlocked.Increment(ref _idleWaitsStarted);
        Interlocked.Increment(ref _idleWaitsOpen);
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var timeUp = Task.Delay(maxWait, clock, stop.Token);
            var first = await Task.WhenAny(changed, timeUp);
            await stop.CancelAsync();
            ct.ThrowIfCancellationRequested();
            if (first != changed) return false;
            await changed; // a dropped connection throws here
            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _idleWaitsOpen);
        }
    }

    internal async Task SendAsync(MimeMessage message, Func<CancellationToken, Task> beforeTransfer, CancellationToken ct)
    {
        ThrowIfFailing();
        await beforeTransfer(ct);
        lock (_gate) _sent.Add(message);
        if (AfterSend is { } hook) await hook(message, ct);
    }

    internal bool SentFolderContains(string messageId)
    {
        ThrowIfFailing();
        EnsureSentFolder();
        lock (_gate) return _sentFolder.Any(m => m.MessageId == messageId.Trim('<', '>'));
    }

    internal void FileSent(MimeMessage message)
    {
        ThrowIfFailing();
        EnsureSentFolder();
        lock (_gate) _sentFolder.Add(message);
    }

    private void EnsureSentFolder()
    {
        if (!HasSentFolder) throw new MailServerException(MailErrorClass.Permanent, MailErrorKind.MailboxNotFound, "the server has no Sent folder");
    }

    private void ThrowIfFailing()
    {
        if (Failure is { } failure) throw failure;
    }

    private void SignalLocked(Exception? error)
    {
        var changed = _inboxChanged;
        _inboxChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (error is null) changed.SetResult();
        else changed.SetException(error);
    }
}
