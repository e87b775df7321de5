using ServerSync.Domain.Approval;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Security;
using ServerSync.Domain.Tenancy;

namespace ServerSync.Domain.Tests.Approval;

/// <summary>Rules 19–21: who may give the Delegated Mailbox Approver role, and never to a team.</summary>
public sealed class DelegatedApproverAssignmentTests
{
    private static readonly Role Delegated = new() { Name = "Delegated Mailbox Approver", RoleTemplateId = StandardRoles.DelegatedMailboxApprover };
    private static readonly Role Custom = new() { Name = "Custom" };

    [Theory]
    [InlineData(DirectoryRoles.GlobalAdministrator)]
    [InlineData(DirectoryRoles.ExchangeAdministrator)]
    public void Global_or_exchange_admin_may_assign(DirectoryRoles roles)
    {
        DelegatedApproverAssignment.EnsureCanAssignToUser(Callers.With(roles, [StandardRoles.SystemAdministrator]), Delegated);
    }

    [Theory]
    [InlineData(DirectoryRoles.None)]
    [InlineData(DirectoryRoles.ServiceAdministrator)]
    public void Others_get_0x80090904_even_as_system_administrator(DirectoryRoles roles)
    {
        var e = Assert.Throws<ServerSyncException>(() =>
            DelegatedApproverAssignment.EnsureCanAssignToUser(Callers.With(roles, [StandardRoles.SystemAdministrator]), Delegated));
        Assert.Equal("0x80090904", e.Code);
        Assert.Equal("You must be an Office 365 Global Administrator or an Exchange Administrator to assign the Delegated Mailbox Approver role.", e.Message);
    }

    [Fact]
    public void Team_assignment_gets_0x80090905()
    {
        var e = Assert.Throws<ServerSyncException>(() => DelegatedApproverAssignment.EnsureCanAssignToTeam(Delegated));
        Assert.Equal("0x80090905", e.Code);
        Assert.Equal("The Delegated Mailbox Approver role can't be assigned to a team.", e.Message);
    }

    [Fact]
    public void Other_roles_are_not_restricted()
    {
        DelegatedApproverAssignment.EnsureCanAssignToUser(Callers.With(), Custom);
        DelegatedApproverAssignment.EnsureCanAssignToTeam(Custom);
    }
}
