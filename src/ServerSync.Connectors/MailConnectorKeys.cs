namespace ServerSync.Connectors;

/// <summary>Service keys of the <see cref="Abstractions.IIncomingConnector"/>s, one per incoming protocol.</summary>
public static class MailConnectorKeys
{
    /// <summary>Profiles of server type IMAP/SMTP (4).</summary>
    public const string Imap = "imap";

    /// <summary>Profiles of server type Other (1): POP3/SMTP.</summary>
    public const string Pop3 = "pop3";
}
