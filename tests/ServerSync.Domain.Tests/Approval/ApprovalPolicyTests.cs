using ServerSync.Domain.Approval;
using ServerSync.Domain.Email;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Security;
using ServerSync.Domain.Tenancy;

namespace ServerSync.Domain.Tests.Approval;

/// <summary>Rules 16–18 (privilege, self-approval, the hidden Approve button) and 25/29 (approval required).</summary>
public sealed class ApprovalPolicyTests
{
    private static readonly OrgDbOrgSettings Default = OrgDbOrgSettings.Parse("<OrgSettings />");
    private static readonly OrgDbOrgSettings RequirePrivilege =
        OrgDbOrgSettings.Parse("<OrgSettings><RequirePrivilegeToSelfApproveEmailAddress>true</RequirePrivilegeToSelfApproveEmailAddress></OrgSettings>");

    private static readonly Dictionary<string, PrivilegeDepth> WriteOwnMailbox = new() { ["prvWriteMailbox"] = PrivilegeDepth.Basic };

    private static Mailbox UserMailbox(string address) => new() { EmailAddress = address, RegardingObjectTypeCode = "systemuser" };

    [Fact]
    public void Self_approval_allowed_when_all_rule_17_conditions_hold()
    {
        var caller = Callers.With(privileges: WriteOwnMailbox, upn: "ana@example.test");
        Assert.True(ApprovalPolicy.CanSelfApprove(caller, UserMailbox("ANA@example.test"), Default));
    }

    [Fact]
    public void Self_approval_needs_the_upn_to_be_the_mailbox_address()
    {
        var caller = Callers.With(privileges: WriteOwnMailbox, upn: "ana@example.test");
        Assert.False(ApprovalPolicy.CanSelfApprove(caller, UserMailbox("bo@example.test"), Default));
    }

    [Fact]
    public void Self_approval_needs_write_on_mailbox()
    {
        var caller = Callers.With(upn: "ana@example.test");
        Assert.False(ApprovalPolicy.CanSelfApprove(caller, UserMailbox("ana@example.test"), Default));
    }

    [Fact]
    public void Self_approval_never_applies_to_queue_mailboxes()
    {
        var caller = Callers.With(privileges: WriteOwnMailbox, upn: "sales@example.test");
        var queueMailbox = new Mailbox { EmailAddress = "sales@example.test", RegardingObjectTypeCode = "queue" };
        Assert.False(ApprovalPolicy.CanSelfApprove(caller, queueMailbox, Default));
    }

    [Fact]
    public void Required_privilege_setting_blocks_self_approval_without_the_privilege()
    {
        var caller = Callers.With(privileges: WriteOwnMailbox, upn: "ana@example.test");
        Assert.False(ApprovalPolicy.CanSelfApprove(caller, UserMailbox("ana@example.test"), RequirePrivilege));

        var privileged = Callers.With(privileges: new(WriteOwnMailbox) { [PrivilegeCatalog.ApproveRejectEmailAddress] = PrivilegeDepth.Global }, upn: "ana@example.test");
        Assert.True(ApprovalPolicy.CanSelfApprove(privileged, UserMailbox("ana@example.test"), RequirePrivilege));
    }

    [Fact]
    public void Application_users_have_no_upn_and_cannot_self_approve()
    {
        var app = Callers.With(privileges: WriteOwnMailbox, upn: null);
        Assert.False(ApprovalPolicy.CanSelfApprove(app, UserMailbox("ana@example.test"), Default));
    }

    [Fact]
    public void Approving_others_needs_the_privilege_as_well_as_the_table()
    {
        // A Global admin with a custom role holding prvApproveRejectEmailAddress, but no System Administrator: column "Global admin" = No.
        var caller = Callers.With(DirectoryRoles.GlobalAdministrator, privileges: new() { [PrivilegeCatalog.ApproveRejectEmailAddress] = PrivilegeDepth.Global });
        Assert.False(ApprovalPolicy.CanApproveOthers(caller, ApprovalDeployment.OnlineWithExchangeOnline));
        var refused = Assert.Throws<ServerSyncException>(() =>
            ApprovalPolicy.EnsureCanApprove(caller, UserMailbox("x@example.test"), ApprovalDeployment.OnlineWithExchangeOnline, Default));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
        Assert.Equal(ApprovalPolicy.NotAllowedMessage, refused.Message);
    }

    [Theory]
    [InlineData(false, false, false)] // setting off, no privilege: hidden (rule 18)
    [InlineData(false, true, true)]
    [InlineData(true, false, true)]
    [InlineData(true, true, true)]
    public void Approve_command_hidden_exactly_when_rule_18_says(bool requirePrivilege, bool hasPrivilege, bool visible)
    {
        var caller = Callers.With(privileges: hasPrivilege ? new() { [PrivilegeCatalog.ApproveRejectEmailAddress] = PrivilegeDepth.Global } : []);
        Assert.Equal(visible, ApprovalPolicy.IsApproveCommandVisible(caller, requirePrivilege ? RequirePrivilege : Default));
    }

    [Theory]
    [InlineData(true, true, "systemuser", ServerType.ImapSmtp, true)]
    [InlineData(false, true, "systemuser", ServerType.ImapSmtp, false)]
    [InlineData(false, true, "queue", ServerType.ImapSmtp, true)]
    [InlineData(true, false, "queue", ServerType.ImapSmtp, false)]
    [InlineData(false, false, "systemuser", ServerType.ExchangeOnline, true)] // Exchange Online always needs approval
    [InlineData(false, false, "queue", ServerType.ExchangeOnline, true)]
    public void Approval_required_follows_org_switches_except_for_exchange_online(bool users, bool queues, string regarding, ServerType type, bool required)
    {
        var org = new Organization { RequireApprovalForUserEmail = users, RequireApprovalForQueueEmail = queues };
        Assert.Equal(required, ApprovalPolicy.IsApprovalRequired(org, new Mailbox { RegardingObjectTypeCode = regarding }, type));
    }

    [Fact]
    public void New_organizations_require_approval_by_default()
    {
        var org = new Organization();
        Assert.True(org.RequireApprovalForUserEmail);
        Assert.True(org.RequireApprovalForQueueEmail);
    }
}
