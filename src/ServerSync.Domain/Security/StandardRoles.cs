namespace ServerSync.Domain.Security;

/// <summary>Template ids of the roles every environment is provisioned with.</summary>
public static class StandardRoles
{
    /// <summary>Dataverse's own template id for System Administrator.</summary>
    public static readonly Guid SystemAdministrator = new("627090ff-40a3-4053-8790-584edc5be201");

    // [gap] Dataverse does not publish these template ids; ServerSync fixes its own.
    public static readonly Guid DelegatedMailboxApprover = new("5f0e4d1b-3c1a-4a3e-9d6b-6d3b1d2a9e01");
    public static readonly Guid BasicUser = new("5f0e4d1b-3c1a-4a3e-9d6b-6d3b1d2a9e02");

    public const string SystemAdministratorName = "System Administrator";
    public const string DelegatedMailboxApproverName = "Delegated Mailbox Approver";
    public const string BasicUserName = "Basic User";
}
