namespace ServerSync.Domain.Security;

/// <summary>Encrypts secrets for storage and decrypts them for the one place that needs the clear text: logging in to a mail server.</summary>
public interface ISecretProtector
{
    string Protect(string secret);
    string Unprotect(string protectedSecret);
}
