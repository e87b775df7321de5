using System.Text;

namespace ServerSync.TestSmtpRelay;

/// <summary>
/// Captures every received message in one folder, for tests to inspect:
/// <c>&lt;id&gt;.eml</c> holds the raw message bytes and <c>&lt;id&gt;.envelope</c> the lines
/// <c>MAIL FROM:&lt;addr&gt;</c>, one <c>RCPT TO:&lt;addr&gt;</c> per recipient and
/// <c>RESULT: &lt;SMTP reply&gt;</c>. The .eml is written first and the .envelope last, each by
/// write-to-temp-then-rename, so a visible .envelope means the capture is complete.
/// Ids sort by arrival time.
/// </summary>
internal sealed class Outbox
{
    private static long _sequence;
    private readonly string _directory;

    public Outbox(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    public string NewId() =>
        $"{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff}-{Environment.ProcessId}-{Interlocked.Increment(ref _sequence):D6}";

    public Task WriteMessageAsync(string id, ReadOnlyMemory<byte> message, CancellationToken ct) =>
        WriteAtomicAsync(id + ".eml", message, ct);

    public Task WriteEnvelopeAsync(string id, string from, IEnumerable<string> recipients, string result, CancellationToken ct)
    {
        var text = new StringBuilder().Append("MAIL FROM:<").Append(from).Append(">\n");
        foreach (string rcpt in recipients)
        {
            text.Append("RCPT TO:<").Append(rcpt).Append(">\n");
        }
        text.Append("RESULT: ").Append(result).Append('\n');
        return WriteAtomicAsync(id + ".envelope", Encoding.UTF8.GetBytes(text.ToString()), ct);
    }

    // Readers never see a half-written file: the temp name doesn't end in .eml/.envelope, and
    // rename within one folder is atomic.
    private async Task WriteAtomicAsync(string name, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        string path = Path.Combine(_directory, name);
        string temp = path + ".tmp";
        await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await file.WriteAsync(bytes, ct);
        }
        File.Move(temp, path, overwrite: true);
    }
}
