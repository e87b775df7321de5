namespace ServerSync.Connectors.Abstractions;

/// <summary>
/// A mail server refused or failed, classified the way server-side sync acts on it (reference 2.2):
/// permanent errors disable the mailbox direction at once, transient ones back off and retry.
/// </summary>
public sealed class MailServerException(MailErrorClass errorClass, MailErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public MailErrorClass ErrorClass { get; } = errorClass;
    public MailErrorKind Kind { get; } = kind;
    public bool IsPermanent => ErrorClass == MailErrorClass.Permanent;
}

public enum MailErrorClass { Transient, Permanent }

/// <summary>What went wrong, so an alert can say what to fix.</summary>
public enum MailErrorKind
{
    /// <summary>Wrong user name or password, or the account may not log in.</summary>
    Authentication,

    /// <summary>The server's certificate was refused, or it offers no TLS while TLS is required.</summary>
    Tls,

    /// <summary>The mailbox or folder does not exist.</summary>
    MailboxNotFound,

    /// <summary>Connection refused, reset, DNS failure.</summary>
    Connection,

    /// <summary>No answer within the connection timeout.</summary>
    Timeout,

    /// <summary>The server said it is busy or answered with a temporary (4xx / NO [UNAVAILABLE]) reply.</summary>
    ServerBusy,

    /// <summary>The server refused the message or a recipient for good (5xx on MAIL/RCPT/DATA).</summary>
    MessageRejected,

    /// <summary>Anything else the protocol reported.</summary>
    Protocol,
}
