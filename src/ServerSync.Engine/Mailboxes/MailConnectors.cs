using Microsoft.Extensions.DependencyInjection;
using ServerSync.Connectors;
using ServerSync.Connectors.Abstractions;
using ServerSync.Domain.Email;

namespace ServerSync.Engine.Mailboxes;

/// <summary>Picks the connectors for a profile's server type: IMAP/SMTP (4) or POP3/SMTP (1).</summary>
public sealed class MailConnectors(IServiceProvider services)
{
    public IIncomingConnector Incoming(ServerType type) => services.GetRequiredKeyedService<IIncomingConnector>(type switch
    {
        ServerType.ImapSmtp => MailConnectorKeys.Imap,
        ServerType.Other => MailConnectorKeys.Pop3,
        _ => throw Unsupported(type),
    });

    public IOutgoingConnector Outgoing(ServerType type) => type is ServerType.ImapSmtp or ServerType.Other
        ? services.GetRequiredService<IOutgoingConnector>()
        : throw Unsupported(type);

    /// <summary>The Sent folder where sent mail is filed: IMAP has one, POP3 has none.</summary>
    public ISentFolder? SentFolder(ServerType type) => type == ServerType.ImapSmtp ? services.GetRequiredService<ISentFolder>() : null;

    public static bool IsSupported(ServerType type) => type is ServerType.ImapSmtp or ServerType.Other;

    // [gap] Exchange profiles sync through the Graph and EWS connectors of later work; until then their
    // mailboxes fail Test & Enable with this message instead of pretending to work.
    private static MailServerException Unsupported(ServerType type) =>
        new(MailErrorClass.Permanent, MailErrorKind.Protocol, $"Profiles of type {type} are not synchronized by this version of ServerSync yet; use an IMAP/SMTP or POP3/SMTP profile.");
}
