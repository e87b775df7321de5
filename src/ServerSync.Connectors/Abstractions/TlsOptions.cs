namespace ServerSync.Connectors.Abstractions;

/// <summary>
/// Deployment-wide TLS settings (configuration section ServerSync): whether plain text may be used at
/// all (AllowNonSSLEmail, off by default) and an extra CA to trust for private mail servers (TrustedCaFile, PEM).
/// </summary>
public sealed class TlsOptions
{
    public bool AllowNonSSLEmail { get; set; }
    public string? TrustedCaFile { get; set; }
}
