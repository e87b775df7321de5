using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace ServerSync.Server.DataProtection;

/// <summary>Data Protection with its keys in <c>&lt;DataDirectory&gt;/keys</c>, protected at rest as configured.</summary>
public static class DataProtectionSetup
{
    public const string Section = "ServerSync:DataProtection";

    /// <summary>Null when set up; otherwise why the server must not start.</summary>
    public static string? AddServerSyncDataProtection(this IServiceCollection services, KeyProtectionOptions options, string keysDirectory)
    {
        var builder = services.AddDataProtection().SetApplicationName("ServerSync");
        var keys = OwnerOnly.CreateDirectory(keysDirectory);
        services.AddOptions<KeyManagementOptions>().Configure<ILoggerFactory>((o, loggers) => o.XmlRepository = new OwnerOnlyXmlRepository(keys, loggers));
        if (!string.IsNullOrEmpty(options.KeyEncryptionKey))
        {
            byte[] bytes;
            try { bytes = Convert.FromBase64String(options.KeyEncryptionKey); }
            catch (FormatException) { bytes = []; }
            if (bytes.Length != 32) return $"{Section}:KeyEncryptionKey must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`).";
            var key = new KeyEncryptionKey(bytes);
            services.AddSingleton(key);
            services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new AesGcmXmlEncryptor(key));
            return null;
        }
        if (!string.IsNullOrEmpty(options.CertificateFile))
        {
            X509Certificate2 certificate;
            try { certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificateFile, options.CertificatePassword); }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                return $"{Section}:CertificateFile '{options.CertificateFile}' can't be read: {e.Message}";
            }
            if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
                return $"{Section}:CertificateFile '{options.CertificateFile}' needs an RSA certificate with its private key.";
            builder.ProtectKeysWithCertificate(certificate);
            return null;
        }
        return options.AllowUnprotectedKeys ? null
            : $"The Data Protection keys need protection at rest: set {Section}:KeyEncryptionKey (32 random bytes in base64), " +
              $"or {Section}:CertificateFile (a .pfx), or {Section}:AllowUnprotectedKeys=true to keep them unencrypted.";
    }
}
