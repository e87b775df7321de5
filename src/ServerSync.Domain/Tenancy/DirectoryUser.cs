namespace ServerSync.Domain.Tenancy;

/// <summary>A person in the tenant's directory; signs in with the password grant.</summary>
public sealed class DirectoryUser
{
    public Guid Id { get; set; }
    public string UserPrincipalName { get; set; } = "";
    public string DisplayName { get; set; } = "";

    /// <summary>ASP.NET Core Identity password hash (PBKDF2); the clear password is never stored.</summary>
    public string PasswordHash { get; set; } = "";

    public DirectoryRoles Roles { get; set; }
    public bool IsDisabled { get; set; }

    /// <summary>
    /// Carried in every access token; a new one on a password change or disabling, so earlier tokens stop working
    /// at their next request. Empty until the first sign-in after the upgrade that added it.
    /// </summary>
    public string SecurityStamp { get; set; } = "";
    public DateTimeOffset CreatedOn { get; set; }
}

/// <summary>Tenant-level roles: the Microsoft 365 roles of the permission table (rule 24).</summary>
[Flags]
public enum DirectoryRoles
{
    None = 0,
    GlobalAdministrator = 1,
    ExchangeAdministrator = 2,
    ServiceAdministrator = 4,
}
