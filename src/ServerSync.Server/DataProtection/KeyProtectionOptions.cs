namespace ServerSync.Server.DataProtection;

/// <summary>
/// How the Data Protection keys (which decrypt stored secrets, tokens and the admin center's cookie) are protected
/// at rest, under <c>ServerSync:DataProtection</c>. One of the three is needed to start.
/// </summary>
public sealed class KeyProtectionOptions
{
    /// <summary>A PKCS#12 (.pfx) file whose certificate's RSA key encrypts the keys.</summary>
    public string? CertificateFile { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>A base64 256-bit key (e.g. from the environment) that encrypts the keys with AES-GCM.</summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>Keys stay readable to whoever reads the data directory: only with this set, and with a warning at start.</summary>
    public bool AllowUnprotectedKeys { get; set; }
}
