namespace ServerSync.Connectors.Tests.Infrastructure.Replay;

/// <summary>One line of a transcript: what the client must send, what the server answers, or the server hanging up.</summary>
internal sealed record TranscriptStep(TranscriptStepKind Kind, string Text, int LineNumber);

internal enum TranscriptStepKind
{
    /// <summary>"C: line": the client must send exactly this line next.</summary>
    Expect,

    /// <summary>"S: line": the server sends this line (literals <c>{file:name}</c> expanded).</summary>
    Send,

    /// <summary>"CLOSE": the server drops the connection, as a server ending an idle connection does.</summary>
    Close,
}
