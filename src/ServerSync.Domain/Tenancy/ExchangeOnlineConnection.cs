namespace ServerSync.Domain.Tenancy;

/// <summary>The tenant's connection to Exchange Online (an Entra app registration); one per tenant.</summary>
public sealed class ExchangeOnlineConnection
{
    public Guid Id { get; set; }
    public string EntraTenantId { get; set; } = "";
    public string ClientId { get; set; } = "";

    /// <summary>Client secret, encrypted at rest.</summary>
    public string? ClientSecretProtected { get; set; }

    /// <summary>PFX certificate (base64), encrypted at rest.</summary>
    public string? CertificateProtected { get; set; }

    public ExchangeCloud Cloud { get; set; }
    public DateTimeOffset ModifiedOn { get; set; }
}

public enum ExchangeCloud { Global = 0, China = 1, UsGovernment = 2 }
