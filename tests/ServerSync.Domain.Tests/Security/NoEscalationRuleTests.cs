using ServerSync.Domain.Security;

namespace ServerSync.Domain.Tests.Security;

/// <summary>No escalation: a role, or a team's roles, can be given only by someone holding each privilege at least as deep.</summary>
public sealed class NoEscalationRuleTests
{
    private static readonly CallerContext UserManager = Callers.With(privileges: new()
    {
        ["prvWriteUser"] = PrivilegeDepth.Global,
        ["prvReadMailbox"] = PrivilegeDepth.Local,
    });

    [Fact]
    public void Privileges_held_at_least_as_deep_may_be_given()
    {
        Assert.Empty(NoEscalationRule.NotHeld(UserManager, [new("prvWriteUser", PrivilegeDepth.Global), new("prvReadMailbox", PrivilegeDepth.Basic), new("prvReadMailbox", PrivilegeDepth.Local)]));
        Assert.Empty(NoEscalationRule.NotHeld(UserManager, []));
    }

    [Fact]
    public void A_privilege_not_held_or_held_less_deep_is_named()
    {
        var notHeld = NoEscalationRule.NotHeld(UserManager, [
            new("prvReadMailbox", PrivilegeDepth.Basic), new("prvReadMailbox", PrivilegeDepth.Global),
            new(PrivilegeCatalog.ApproveRejectEmailAddress, PrivilegeDepth.Global), new("prvWriteUser", PrivilegeDepth.Global)]);
        Assert.Equal([new(PrivilegeCatalog.ApproveRejectEmailAddress, PrivilegeDepth.Global), new PrivilegeGrant("prvReadMailbox", PrivilegeDepth.Global)], notHeld);
        var message = NoEscalationRule.Describe("the role 'Approvers'", notHeld);
        Assert.Contains("prvApproveRejectEmailAddress (Global)", message);
        Assert.Contains("prvReadMailbox (Global)", message);
    }

    [Fact]
    public void A_system_administrator_may_give_anything()
    {
        var admin = Callers.With(roles: [StandardRoles.SystemAdministrator]);
        Assert.Empty(NoEscalationRule.NotHeld(admin, [new(PrivilegeCatalog.ApproveRejectEmailAddress, PrivilegeDepth.Global), new("prvDeleteUser", PrivilegeDepth.Global)]));
    }

    [Fact]
    public void System_administrator_held_through_a_team_counts_as_held()
    {
        // DepthOf treats System Administrator from a team like a direct one, so the rule follows the caller's real rights.
        var member = Callers.With(teamRoles: [StandardRoles.SystemAdministrator]);
        Assert.Empty(NoEscalationRule.NotHeld(member, [new("prvDeleteUser", PrivilegeDepth.Global)]));
    }
}
