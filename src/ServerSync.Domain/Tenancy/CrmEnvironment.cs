namespace ServerSync.Domain.Tenancy;

/// <summary>An environment (one Dataverse organization); its name appears in the Web API's URL.</summary>
public sealed class CrmEnvironment
{
    public Guid Id { get; set; }

    /// <summary>Lower-case letters, digits and hyphens; unique; used in URLs.</summary>
    public string Name { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public DeploymentModel DeploymentModel { get; set; }

    public Guid CreatedBy { get; set; }
    public DateTimeOffset CreatedOn { get; set; }
}

/// <summary>Selects, with the profile's server type, the row of the permission table.</summary>
public enum DeploymentModel { Online = 0, OnPremises = 1 }
