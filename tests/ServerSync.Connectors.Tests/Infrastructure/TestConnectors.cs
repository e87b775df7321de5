using Microsoft.Extensions.Logging.Abstractions;
using ServerSync.Connectors.Abstractions;
using ServerSync.Connectors.Connections;
using ServerSync.Connectors.Imap;
using ServerSync.Connectors.Pop3;
using ServerSync.Connectors.Smtp;

namespace ServerSync.Connectors.Tests.Infrastructure;

/// <summary>The connectors wired as AddMailConnectors does, with the stack's IMAPS/POP3S ports as implicit-TLS ports.</summary>
internal static class TestConnectors
{
    /// <param name="allowPlainText">ServerSync:AllowNonSSLEmail.</param>
    /// <param name="trustStackCertificate">ServerSync:TrustedCaFile = the stack's self-signed certificate.</param>
    public static MailSessionRunner Sessions(bool allowPlainText = true, bool trustStackCertificate = true)
    {
        var stack = MailStack.Current;
        var options = new TlsOptions
        {
            AllowNonSSLEmail = allowPlainText,
            TrustedCaFile = trustStackCertificate ? stack.TlsCertificateFile : null,
        };
        return new MailSessionRunner(new TlsPolicy(options, [.. TlsPolicy.WellKnownImplicitTlsPorts, stack.ImapsPort, stack.Pop3sPort]));
    }

    /// <summary>Plain text allowed, system trust only, and no mail stack needed: for <see cref="Replay.ReplayServer"/> conversations.</summary>
    public static MailSessionRunner Replay() => new(new TlsPolicy(new TlsOptions { AllowNonSSLEmail = true }));

    public static ImapIncomingConnector Imap(MailSessionRunner? sessions = null) =>
        new(sessions ?? Sessions(), NullLogger<ImapIncomingConnector>.Instance);

    public static Pop3IncomingConnector Pop3(MailSessionRunner? sessions = null) =>
        new(sessions ?? Sessions(), NullLogger<Pop3IncomingConnector>.Instance);

    public static SmtpOutgoingConnector Smtp(MailSessionRunner? sessions = null) => new(sessions ?? Sessions());

    public static ImapSentFolder SentFolder(MailSessionRunner? sessions = null) => new(sessions ?? Sessions());
}
