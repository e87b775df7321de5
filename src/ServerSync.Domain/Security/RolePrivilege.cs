namespace ServerSync.Domain.Security;

/// <summary>A privilege granted by a role at a depth.</summary>
public sealed class RolePrivilege
{
    public Guid EnvironmentId { get; set; }
    public Guid RoleId { get; set; }
    public Guid PrivilegeId { get; set; }
    public PrivilegeDepth Depth { get; set; }
}
