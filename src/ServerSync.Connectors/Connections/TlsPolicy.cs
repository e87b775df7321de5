using System.Net.Security;
using MailKit.Security;
using ServerSync.Connectors.Abstractions;

namespace ServerSync.Connectors.Connections;

/// <summary>
/// Applies the deployment's <see cref="TlsOptions"/> to a connection: whether plain text is allowed, implicit
/// TLS or STARTTLS, and which server certificates are trusted.
/// </summary>
public sealed class TlsPolicy
{
    /// <summary>IMAPS, POP3S and SMTPS: TLS starts on connect there; other ports use STARTTLS.</summary>
    public static readonly IReadOnlySet<int> WellKnownImplicitTlsPorts = new HashSet<int> { 993, 995, 465 };

    private readonly bool _allowPlainText;
    private readonly IReadOnlySet<int> _implicitTlsPorts;

    /// <param name="tlsOptions">AllowNonSSLEmail and TrustedCaFile; the CA file is read once, here.</param>
    /// <param name="implicitTlsPorts">
    /// Ports where TLS starts on connect; default <see cref="WellKnownImplicitTlsPorts"/>. A private server
    /// with IMAPS on another port adds it here.
    /// </param>
    public TlsPolicy(TlsOptions tlsOptions, IEnumerable<int>? implicitTlsPorts = null)
    {
        _allowPlainText = tlsOptions.AllowNonSSLEmail;
        _implicitTlsPorts = implicitTlsPorts?.ToHashSet() ?? WellKnownImplicitTlsPorts;
        CertificateValidation = string.IsNullOrWhiteSpace(tlsOptions.TrustedCaFile)
            ? null
            : new TrustedCaCertificateValidator(tlsOptions.TrustedCaFile).Validate;
    }

    /// <summary>Null: MailKit's default, the system trust store only.</summary>
    internal RemoteCertificateValidationCallback? CertificateValidation { get; }

    /// <summary>Throws a permanent TLS error, without connecting, when the endpoint would send credentials in plain text against the deployment setting.</summary>
    internal void EnsureAllowed(MailServerEndpoint endpoint)
    {
        if (!endpoint.UseTls && !_allowPlainText)
        {
            throw new MailServerException(MailErrorClass.Permanent, MailErrorKind.Tls,
                $"{endpoint.Host}:{endpoint.Port} is set up without TLS, and plain text is not allowed; " +
                "turn on TLS on the profile or set ServerSync:AllowNonSSLEmail");
        }
    }

    internal SecureSocketOptions SocketOptionsFor(MailServerEndpoint endpoint) =>
        !endpoint.UseTls ? SecureSocketOptions.None
        : _implicitTlsPorts.Contains(endpoint.Port) ? SecureSocketOptions.SslOnConnect
        : SecureSocketOptions.StartTls;
}
