using ServerSync.Connectors.Abstractions;
using ServerSync.Domain.Email;
using ServerSync.Domain.Security;

namespace ServerSync.Engine.Mailboxes;

/// <summary>
/// Turns a profile and a mailbox into the endpoints the connectors use: server and port from the profile,
/// TLS from incomingusessl/outgoingusessl, credentials from the profile or the mailbox (per
/// incoming/outgoingcredentialretrieval), the connection timeout from the profile.
/// </summary>
public sealed class MailboxEndpoints(ISecretProtector secrets)
{
    public MailServerEndpoint Incoming(EmailServerProfile profile, Mailbox mailbox)
    {
        var (user, password) = Credentials((CredentialRetrieval)profile.IncomingCredentialRetrieval, profile.IncomingUserName, profile.IncomingPasswordProtected, mailbox);
        var (host, port) = HostAndPort(profile.IncomingServerLocation, profile.IncomingPortNumber, "incomingserverlocation");
        return new MailServerEndpoint { Host = host, Port = port, UseTls = profile.IncomingUseSsl, UserName = user, Password = password, Timeout = Timeout(profile) };
    }

    public MailServerEndpoint Outgoing(EmailServerProfile profile, Mailbox mailbox)
    {
        var (user, password) = profile.UseSameSettingsForOutgoingConnections
            ? Credentials((CredentialRetrieval)profile.IncomingCredentialRetrieval, profile.IncomingUserName, profile.IncomingPasswordProtected, mailbox)
            : Credentials((CredentialRetrieval)profile.OutgoingCredentialRetrieval, profile.OutgoingUserName, profile.OutgoingPasswordProtected, mailbox);
        var (host, port) = HostAndPort(profile.OutgoingServerLocation, profile.OutgoingPortNumber, "outgoingserverlocation");
        return new MailServerEndpoint { Host = host, Port = port, UseTls = profile.OutgoingUseSsl, UserName = user, Password = password, Timeout = Timeout(profile) };
    }

    /// <summary>Identifies what an incoming sync state belongs to: another server or user starts over.</summary>
    public static string StateKey(EmailServerProfile profile, MailServerEndpoint endpoint) =>
        $"{profile.ServerType}|{endpoint.Host}:{endpoint.Port}|{endpoint.UserName}".ToLowerInvariant();

    private (string? User, string? Password) Credentials(CredentialRetrieval retrieval, string? profileUser, string? profilePassword, Mailbox mailbox)
    {
        switch (retrieval)
        {
            case CredentialRetrieval.UserOrQueue:
                if (!mailbox.AllowEmailConnectorToUseCredentials)
                    throw Refused("The profile uses the credentials of each user or queue, but the mailbox does not allow the email connector to use them: set allowemailconnectortousecredentials to Yes.");
                if (string.IsNullOrWhiteSpace(mailbox.UserName) || mailbox.PasswordProtected is null)
                    throw Refused("The profile uses the credentials of each user or queue, but the mailbox has no user name or password: set username and password on the mailbox.");
                return (mailbox.UserName, secrets.Unprotect(mailbox.PasswordProtected));
            case CredentialRetrieval.EmailServerProfile:
                if (string.IsNullOrWhiteSpace(profileUser) || profilePassword is null)
                    throw Refused("The email server profile has no user name or password.");
                return (profileUser, secrets.Unprotect(profilePassword));
            case CredentialRetrieval.Anonymous:
                return (null, null);
            default:
                throw Refused($"Authentication type {retrieval} is not available for POP3, IMAP and SMTP servers.");
        }
    }

    private static (string Host, int Port) HostAndPort(string? location, int? port, string column)
    {
        if (string.IsNullOrWhiteSpace(location))
            throw new MailServerException(MailErrorClass.Permanent, MailErrorKind.Connection, $"The email server profile has no {column}.");
        var text = location.Trim();
        // Accept "host", "host:port" and URLs such as imaps://host:993.
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host))
            return (uri.Host, port ?? (uri.IsDefaultPort ? 0 : uri.Port));
        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text[(colon + 1)..], out var explicitPort)) return (text[..colon], port ?? explicitPort);
        return (text, port ?? 0);
    }

    private static TimeSpan Timeout(EmailServerProfile profile) =>
        profile.TimeoutMailboxConnection && profile.TimeoutMailboxConnectionAfterAmount is > 0 and var ms
            ? TimeSpan.FromMilliseconds(Math.Min(ms, 100_000))
            : TimeSpan.FromSeconds(100);

    private static MailServerException Refused(string message) => new(MailErrorClass.Permanent, MailErrorKind.Authentication, message);
}
