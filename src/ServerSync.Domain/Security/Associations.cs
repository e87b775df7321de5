namespace ServerSync.Domain.Security;

/// <summary>systemuserroles_association: a role given to a user.</summary>
public sealed class SystemUserRole
{
    public Guid EnvironmentId { get; set; }
    public Guid SystemUserId { get; set; }
    public Guid RoleId { get; set; }
}

/// <summary>teamroles_association: a role given to a team.</summary>
public sealed class TeamRole
{
    public Guid EnvironmentId { get; set; }
    public Guid TeamId { get; set; }
    public Guid RoleId { get; set; }
}

/// <summary>teammembership_association: a user in a team.</summary>
public sealed class TeamMembership
{
    public Guid EnvironmentId { get; set; }
    public Guid TeamId { get; set; }
    public Guid SystemUserId { get; set; }
}
