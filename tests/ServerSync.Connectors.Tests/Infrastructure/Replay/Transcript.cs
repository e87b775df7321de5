using System.Text;
using System.Text.RegularExpressions;

namespace ServerSync.Connectors.Tests.Infrastructure.Replay;

/// <summary>
/// A recorded conversation of one connection, read from Transcripts/&lt;name&gt;: lines "C: …" the client must send, in
/// order, and "S: …" the server answers with; "CLOSE" hangs up; "#" starts a comment. In a server line,
/// <c>{file:name.eml}</c> becomes an IMAP literal (<c>{size}</c>, CRLF, the bytes of Transcripts/messages/name.eml with
/// CRLF line ends) and <c>{dot-file:name.eml}</c> the POP3 multi-line form (dot-stuffed, ended by a lone "."), so message
/// sizes never have to be counted by hand.
/// </summary>
internal sealed partial class Transcript
{
    private Transcript(string name, IReadOnlyList<TranscriptStep> steps)
    {
        Name = name;
        Steps = steps;
    }

    public string Name { get; }
    public IReadOnlyList<TranscriptStep> Steps { get; }

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Transcripts");

    public static Transcript Load(string name)
    {
        var steps = new List<TranscriptStep>();
        var lines = File.ReadAllLines(Path.Combine(Folder, name));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#')) continue;
            steps.Add(line switch
            {
                _ when line.StartsWith("C: ", StringComparison.Ordinal) => new TranscriptStep(TranscriptStepKind.Expect, line[3..], i + 1),
                _ when line.StartsWith("S: ", StringComparison.Ordinal) => new TranscriptStep(TranscriptStepKind.Send, line[3..], i + 1),
                "CLOSE" => new TranscriptStep(TranscriptStepKind.Close, "", i + 1),
                _ => throw new FormatException($"{name}:{i + 1}: a transcript line starts with \"C: \", \"S: \", \"CLOSE\" or \"#\": {line}"),
            });
        }

        return new Transcript(name, steps);
    }

    /// <summary>The bytes a server line puts on the wire, CRLF included.</summary>
    public static byte[] Wire(string serverLine)
    {
        var wire = new StringBuilder();
        var at = 0;
        foreach (Match literal in Literal().Matches(serverLine))
        {
            wire.Append(serverLine, at, literal.Index - at);
            var message = Message(literal.Groups["file"].Value);
            if (literal.Groups["kind"].Value == "file")
            {
                wire.Append('{').Append(Encoding.Latin1.GetByteCount(message)).Append("}\r\n").Append(message);
            }
            else
            {
                // POP3 (RFC 1939): a line starting with "." gets another one, and a lone "." ends the message.
                var lines = message.EndsWith("\r\n", StringComparison.Ordinal) ? message[..^2].Split("\r\n") : message.Split("\r\n");
                foreach (var line in lines) wire.Append(line.StartsWith('.') ? "." : "").Append(line).Append("\r\n");
                wire.Append('.');
            }

            at = literal.Index + literal.Length;
        }

        wire.Append(serverLine, at, serverLine.Length - at).Append("\r\n");
        return Encoding.Latin1.GetBytes(wire.ToString());
    }

    /// <summary>A message file with CRLF line ends, as every mail protocol carries it.</summary>
    private static string Message(string file)
    {
        var text = File.ReadAllText(Path.Combine(Folder, "messages", file), Encoding.Latin1);
        return text.ReplaceLineEndings("\r\n");
    }

    [GeneratedRegex(@"\{(?<kind>file|dot-file):(?<file>[A-Za-z0-9._-]+)\}")]
    private static partial Regex Literal();
}
