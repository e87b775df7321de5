namespace ServerSync.Domain.Security;

/// <summary>A privilege at a depth, as a role grants it.</summary>
public readonly record struct PrivilegeGrant(string Name, PrivilegeDepth Depth)
{
    public override string ToString() => $"{Name} ({Depth})";
}
