using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ServerSync.Connectors.Connections;

/// <summary>
/// Accepts a server certificate that the system trusts or that chains to one of the CAs in the
/// deployment's TrustedCaFile (PEM), for private mail servers with their own CA. As with the system's
/// validation, a certificate whose extended key usage doesn't include serverAuth is refused.
/// </summary>
internal sealed class TrustedCaCertificateValidator
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly X509Certificate2Collection _trustedCas = [];

    public TrustedCaCertificateValidator(string pemFile)
    {
        _trustedCas.ImportFromPemFile(pemFile);
        if (_trustedCas.Count == 0)
        {
            throw new InvalidOperationException($"ServerSync:TrustedCaFile '{pemFile}' contains no PEM certificate.");
        }
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // A wrong host name or a missing certificate is never rescued by a trusted CA.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var customChain = new X509Chain();
        customChain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        customChain.ChainPolicy.CustomTrustStore.AddRange(_trustedCas);
        // Private CAs rarely publish revocation lists; an unreachable CRL would refuse every connection.
        customChain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        customChain.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                customChain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var serverCertificate = new X509Certificate2(certificate);
        return customChain.Build(serverCertificate);
    }
}
