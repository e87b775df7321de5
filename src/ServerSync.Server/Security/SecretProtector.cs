using Microsoft.AspNetCore.DataProtection;
using ServerSync.Domain.Security;

namespace ServerSync.Server.Security;

/// <summary>Encrypts secrets (passwords, client secrets) before they reach the store; they are never decrypted for the API.</summary>
public sealed class SecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("ServerSync.Secrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>For the sync engine, which needs the clear text to log in to a mail server.</summary>
    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
