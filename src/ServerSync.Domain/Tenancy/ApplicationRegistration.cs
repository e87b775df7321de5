namespace ServerSync.Domain.Tenancy;

/// <summary>
/// An application registered in the tenant directory (client id + secret). Environments give it
/// access by creating an application user (systemuser.applicationid), as Dataverse does with Entra apps.
/// </summary>
public sealed class ApplicationRegistration
{
    public Guid ClientId { get; set; }
    public string DisplayName { get; set; } = "";

    /// <summary>Hash of the client secret; the secret itself is shown once, at registration.</summary>
    public string SecretHash { get; set; } = "";

    public DateTimeOffset CreatedOn { get; set; }
}
