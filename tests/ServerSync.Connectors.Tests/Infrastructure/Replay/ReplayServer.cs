using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using ServerSync.Connectors.Abstractions;

namespace ServerSync.Connectors.Tests.Infrastructure.Replay;

/// <summary>
/// A mail server on 127.0.0.1 that plays recorded conversations (<see cref="Transcript"/>s), one per accepted connection
/// in the order given, so a real MailKit-based connector can be run against server behaviour Dovecot doesn't show (no
/// UIDNEXT, FETCH answers with items missing, no Sent folder, IDLE dropped). Every line the client sends is compared with
/// the transcript; the first difference, a connection past the last transcript, or a client line after a transcript's end
/// is a mismatch, and <see cref="RunAsync"/> reports it in preference to whatever the client made of it. IMAP tags are
/// written "A00000000", "A00000001", …: MailKit moves to the next prefix letter with every client it creates, so the
/// server reads the client's prefix off its first tagged line and uses it for the rest of that conversation.
/// </summary>
internal sealed partial class ReplayServer : IAsyncDisposable
{
    /// <summary>How long the server waits for the client's next line before it calls the transcript unfollowed.</summary>
    private static readonly TimeSpan ClientLineTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener;
    private readonly Queue<Transcript> _transcripts;
    private readonly ConcurrentQueue<string> _mismatches = new();
    private readonly List<Task> _connections = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _finished;

    private ReplayServer(IEnumerable<Transcript> transcripts)
    {
        _transcripts = new Queue<Transcript>(transcripts);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <param name="transcripts">File names under Transcripts/, one per connection the client will open, in order.</param>
    public static ReplayServer Start(params string[] transcripts) => new(transcripts.Select(Transcript.Load).ToList());

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Transcripts played to their last line.</summary>
    public int Finished => Volatile.Read(ref _finished);

    /// <summary>Plain text (the transcripts are the conversation as seen inside TLS), short timeout: a wrong turn fails fast.</summary>
    public MailServerEndpoint Endpoint(string userName = "alice", string password = "secret") => new()
    {
        Host = "127.0.0.1", Port = Port, UseTls = false, UserName = userName, Password = password, Timeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>
    /// Runs the client's work, then checks that every connection it opened followed its transcript to the end (a test of
    /// several sessions calls this once per session and checks <see cref="Finished"/> at the end). A mismatch wins over the client's
    /// own exception, which is usually just the consequence ("connection closed").
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> client)
    {
        T result;
        try
        {
            result = await client();
        }
        catch (Exception error)
        {
            await Task.WhenAll(Snapshot());
            if (!_mismatches.IsEmpty) throw new TranscriptMismatchException(string.Join(Environment.NewLine, _mismatches), error);
            throw;
        }

        await Task.WhenAll(Snapshot()).WaitAsync(ClientLineTimeout * 2);
        if (!_mismatches.IsEmpty) throw new TranscriptMismatchException(string.Join(Environment.NewLine, _mismatches), null);
        return result;
    }

    public Task RunAsync(Func<Task> client) => RunAsync(async () =>
    {
        await client();
        return true;
    });

    private Task[] Snapshot()
    {
        lock (_connections) return [.. _connections];
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient connection;
            try
            {
                connection = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            Transcript? transcript;
            lock (_transcripts) _transcripts.TryDequeue(out transcript);
            lock (_connections) _connections.Add(Task.Run(() => PlayAsync(connection, transcript)));
        }
    }

    private async Task PlayAsync(TcpClient connection, Transcript? transcript)
    {
        using var _ = connection;
        var stream = connection.GetStream();
        if (transcript is null)
        {
            _mismatches.Enqueue("the client opened a connection after the last transcript");
            return;
        }

        var reader = new LineReader(stream);
        var tagPrefix = "A";
        foreach (var step in transcript.Steps)
        {
            var where = $"{transcript.Name}:{step.LineNumber}";
            switch (step.Kind)
            {
                case TranscriptStepKind.Send:
                    await stream.WriteAsync(Transcript.Wire(Tagged().Replace(step.Text, tagPrefix + "${n}")), _stop.Token);
                    break;
                case TranscriptStepKind.Close:
                    Interlocked.Increment(ref _finished);
                    return;
                case TranscriptStepKind.Expect:
                    var line = await reader.ReadLineAsync(ClientLineTimeout, _stop.Token);
                    if (line is not null && Tagged().Match(line) is { Success: true } tagged)
                    {
                        tagPrefix = tagged.Groups["prefix"].Value;
                        line = Tagged().Replace(line, "A${n}");
                    }

                    if (line != step.Text)
                    {
                        _mismatches.Enqueue(line is null
                            ? $"{where}: expected the client to send \"{step.Text}\", but it {(reader.TimedOut ? "sent nothing" : "closed the connection")}"
                            : $"{where}: expected the client to send \"{step.Text}\", but it sent \"{line}\"");
                        return;
                    }

                    break;
            }
        }

        Interlocked.Increment(ref _finished);
        // The conversation is over: the client may only hang up now.
        var extra = await reader.ReadLineAsync(ClientLineTimeout, _stop.Token);
        if (extra is not null) _mismatches.Enqueue($"{transcript.Name}: the client sent \"{extra}\" after the transcript's last line");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(Snapshot()).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    [GeneratedRegex(@"^(?<prefix>[A-Z]+)(?<n>\d{8} )")]
    private static partial Regex Tagged();
}
