using Microsoft.Extensions.DependencyInjection;
using ServerSync.Connectors.Abstractions;
using ServerSync.Connectors.Connections;
using ServerSync.Connectors.Imap;
using ServerSync.Connectors.Pop3;
using ServerSync.Connectors.Smtp;

namespace ServerSync.Connectors;

public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the mail connectors: <see cref="IIncomingConnector"/> keyed by <see cref="MailConnectorKeys"/>
    /// (IMAP, POP3), SMTP as <see cref="IOutgoingConnector"/> and the IMAP Sent folder as <see cref="ISentFolder"/>.
    /// The connectors log through <c>ILogger&lt;T&gt;</c>, so logging must be registered too.
    /// </summary>
    /// <param name="tlsOptions">The deployment's TLS settings (configuration section ServerSync).</param>
    public static IServiceCollection AddMailConnectors(this IServiceCollection services, TlsOptions tlsOptions)
    {
        services.AddSingleton(tlsOptions);
        services.AddSingleton(provider => new TlsPolicy(provider.GetRequiredService<TlsOptions>()));
        services.AddSingleton<MailSessionRunner>();
        services.AddKeyedSingleton<IIncomingConnector, ImapIncomingConnector>(MailConnectorKeys.Imap);
        services.AddKeyedSingleton<IIncomingConnector, Pop3IncomingConnector>(MailConnectorKeys.Pop3);
        services.AddSingleton<IOutgoingConnector, SmtpOutgoingConnector>();
        services.AddSingleton<ISentFolder, ImapSentFolder>();
        return services;
    }
}
