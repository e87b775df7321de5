using System.Text;

namespace ServerSync.Connectors.Tests.Infrastructure.Replay;

/// <summary>CRLF-terminated lines off a socket (Latin-1, so any byte survives).</summary>
internal sealed class LineReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[8192];
    private int _start, _end;

    public bool TimedOut { get; private set; }

    public async Task<string?> ReadLineAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        var line = new StringBuilder();
        while (true)
        {
            for (; _start < _end; _start++)
            {
                var b = _buffer[_start];
                if (b == '\n')
                {
                    _start++;
                    return line.ToString().TrimEnd('\r');
                }

                line.Append((char)b);
            }

            try
            {
                _start = 0;
                _end = await stream.ReadAsync(_buffer, timer.Token);
            }
            catch (OperationCanceledException)
            {
                TimedOut = !ct.IsCancellationRequested;
                return null;
            }
            catch (IOException)
            {
                return null;
            }

            if (_end == 0) return null;
        }
    }
}
