using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ServerSync.Connectors.Connections;

namespace ServerSync.Connectors.Tests;

/// <summary>A private CA from ServerSync:TrustedCaFile vouches only for certificates meant for servers.</summary>
public sealed class TrustedCaCertificateValidatorTests : IDisposable
{
    private readonly string _pem = Path.GetTempFileName();
    private readonly RSA _caKey = RSA.Create(2048);
    private readonly X509Certificate2 _ca;

    public TrustedCaCertificateValidatorTests()
    {
        var request = new CertificateRequest("CN=Test private CA", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllText(_pem, _ca.ExportCertificatePem());
    }

    public void Dispose()
    {
        File.Delete(_pem);
        _ca.Dispose();
        _caKey.Dispose();
    }

    private X509Certificate2 Leaf(params string[] usages)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=mail.example.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (usages.Length > 0)
        {
            var oids = new OidCollection();
            foreach (var usage in usages) oids.Add(new Oid(usage));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        }
        return request.Create(_ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(8));
    }

    private bool Accepts(X509Certificate2 leaf) =>
        new TrustedCaCertificateValidator(_pem).Validate(this, leaf, null, SslPolicyErrors.RemoteCertificateChainErrors);

    [Fact]
    public void A_certificate_for_clients_only_is_refused_even_from_the_trusted_ca()
    {
        using var clientOnly = Leaf("1.3.6.1.5.5.7.3.2");
        using var emailOnly = Leaf("1.3.6.1.5.5.7.3.4");
        Assert.False(Accepts(clientOnly));
        Assert.False(Accepts(emailOnly));
    }

    [Fact]
    public void A_server_certificate_of_the_trusted_ca_is_accepted()
    {
        using var server = Leaf("1.3.6.1.5.5.7.3.1");
        using var serverAndClient = Leaf("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1");
        using var unrestricted = Leaf(); // no extended key usage at all: any usage, as the system's validation treats it
        Assert.True(Accepts(server));
        Assert.True(Accepts(serverAndClient));
        Assert.True(Accepts(unrestricted));
    }

    [Fact]
    public void A_name_mismatch_is_never_rescued()
    {
        using var server = Leaf("1.3.6.1.5.5.7.3.1");
        Assert.False(new TrustedCaCertificateValidator(_pem).Validate(this, server, null,
            SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch));
    }
}
