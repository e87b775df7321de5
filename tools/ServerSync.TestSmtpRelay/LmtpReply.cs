namespace ServerSync.TestSmtpRelay;

/// <summary>The last line of an LMTP reply, e.g. <c>550 5.1.1 &lt;x@example.test&gt; User doesn't exist</c>.</summary>
internal sealed record LmtpReply(string Line)
{
    public bool IsPositive => Line.StartsWith('2') || Line.StartsWith('3');

    /// <summary>4xx: the sender may retry later.</summary>
    public bool IsTransient => Line.StartsWith('4');

    /// <summary>The line without its reply code, e.g. <c>5.1.1 &lt;x@example.test&gt; User doesn't exist</c>.</summary>
    public string Text => Line.Length > 4 && char.IsAsciiDigit(Line[0]) ? Line[4..] : Line;

    public override string ToString() => Line;
}
