using ServerSync.Domain.Approval;
using ServerSync.Domain.Security;
using ServerSync.Domain.Tenancy;
using static ServerSync.Domain.Approval.ApprovalDeployment;
using static ServerSync.Domain.Approval.ApproverColumn;

namespace ServerSync.Domain.Tests.Approval;

/// <summary>Rule 24, cell by cell: a caller holding exactly one column's roles, in each deployment row.</summary>
public sealed class ApprovalPermissionTableTests
{
    /// <summary>
    /// Expected outcome per cell. "Yes"/"No" cells come from the table; n/a cells expect the documented
    /// fallback: a caller with System Administrator is judged by the "System admin" column, anyone else can't approve.
    /// </summary>
    public static TheoryData<ApprovalDeployment, ApproverColumn, Permission, bool> Cells => new()
    {
        { OnlineWithExchangeOnline, GlobalAdminAndSystemAdmin, Permission.Yes, true },
        { OnlineWithExchangeOnline, ExchangeAdminAndSystemAdmin, Permission.Yes, true },
        { OnlineWithExchangeOnline, DelegatedApproverAndSystemAdmin, Permission.Yes, true },
        { OnlineWithExchangeOnline, SystemAdmin, Permission.No, false },
        { OnlineWithExchangeOnline, ServiceAdmin, Permission.No, false },
        { OnlineWithExchangeOnline, ExchangeAdmin, Permission.No, false },
        { OnlineWithExchangeOnline, GlobalAdmin, Permission.No, false },

        { OnlineWithExchangeOnPremises, GlobalAdminAndSystemAdmin, Permission.NotApplicable, true },
        { OnlineWithExchangeOnPremises, ExchangeAdminAndSystemAdmin, Permission.NotApplicable, true },
        { OnlineWithExchangeOnPremises, DelegatedApproverAndSystemAdmin, Permission.NotApplicable, true },
        { OnlineWithExchangeOnPremises, SystemAdmin, Permission.Yes, true },
        { OnlineWithExchangeOnPremises, ServiceAdmin, Permission.No, false },
        { OnlineWithExchangeOnPremises, ExchangeAdmin, Permission.NotApplicable, false },
        { OnlineWithExchangeOnPremises, GlobalAdmin, Permission.NotApplicable, false },

        { OnPremisesWithExchangeOnline, GlobalAdminAndSystemAdmin, Permission.NotApplicable, true },
        { OnPremisesWithExchangeOnline, ExchangeAdminAndSystemAdmin, Permission.NotApplicable, true },
        { OnPremisesWithExchangeOnline, DelegatedApproverAndSystemAdmin, Permission.NotApplicable, true },
        { OnPremisesWithExchangeOnline, SystemAdmin, Permission.Yes, true },
        { OnPremisesWithExchangeOnline, ServiceAdmin, Permission.NotApplicable, false },
        { OnPremisesWithExchangeOnline, ExchangeAdmin, Permission.NotApplicable, false },
        { OnPremisesWithExchangeOnline, GlobalAdmin, Permission.NotApplicable, false },

        { OnPremisesWithExchangeOnPremises, GlobalAdminAndSystemAdmin, Permission.NotApplicable, true },
        { OnPremisesWithExchangeOnPremises, ExchangeAdminAndSystemAdmin, Permission.NotApplicable, true },
        { OnPremisesWithExchangeOnPremises, DelegatedApproverAndSystemAdmin, Permission.NotApplicable, true },
        { OnPremisesWithExchangeOnPremises, SystemAdmin, Permission.Yes, true },
        { OnPremisesWithExchangeOnPremises, ServiceAdmin, Permission.NotApplicable, false },
        { OnPremisesWithExchangeOnPremises, ExchangeAdmin, Permission.NotApplicable, false },
        { OnPremisesWithExchangeOnPremises, GlobalAdmin, Permission.NotApplicable, false },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Cell_holds_the_documented_value(ApprovalDeployment row, ApproverColumn column, Permission cell, bool _)
    {
        Assert.Equal(cell, ApprovalPermissionTable.Cell(row, column));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Caller_with_exactly_that_column_may_approve_as_expected(ApprovalDeployment row, ApproverColumn column, Permission _, bool expected)
    {
        var caller = CallerFor(column);
        Assert.Equal(expected, ApprovalPermissionTable.Decide(row, caller));
        Assert.Equal(expected, ApprovalPolicy.CanApproveOthers(caller, row));
    }

    [Fact]
    public void Delegated_approver_through_a_team_does_not_count()
    {
        var caller = Callers.With(roles: [StandardRoles.SystemAdministrator], teamRoles: [StandardRoles.DelegatedMailboxApprover]);
        Assert.False(ApprovalPermissionTable.Decide(OnlineWithExchangeOnline, caller));
    }

    [Fact]
    public void Delegated_approver_without_system_administrator_cannot_approve()
    {
        var caller = Callers.With(roles: [StandardRoles.DelegatedMailboxApprover]);
        Assert.False(ApprovalPermissionTable.Decide(OnlineWithExchangeOnline, caller));
    }

    [Theory]
    [InlineData(DeploymentModel.Online, ServerSync.Domain.Email.ServerType.ExchangeOnline, OnlineWithExchangeOnline)]
    [InlineData(DeploymentModel.Online, ServerSync.Domain.Email.ServerType.ImapSmtp, OnlineWithExchangeOnPremises)]
    [InlineData(DeploymentModel.Online, null, OnlineWithExchangeOnPremises)]
    [InlineData(DeploymentModel.OnPremises, ServerSync.Domain.Email.ServerType.ExchangeOnline, OnPremisesWithExchangeOnline)]
    [InlineData(DeploymentModel.OnPremises, ServerSync.Domain.Email.ServerType.ExchangeServerHybrid, OnPremisesWithExchangeOnPremises)]
    public void Deployment_row_follows_environment_and_profile(DeploymentModel model, ServerSync.Domain.Email.ServerType? type, ApprovalDeployment expected)
    {
        Assert.Equal(expected, ApprovalDeployments.For(model, type));
    }

    internal static CallerContext CallerFor(ApproverColumn column) => column switch
    {
        GlobalAdminAndSystemAdmin => Callers.With(DirectoryRoles.GlobalAdministrator, [StandardRoles.SystemAdministrator]),
        ExchangeAdminAndSystemAdmin => Callers.With(DirectoryRoles.ExchangeAdministrator, [StandardRoles.SystemAdministrator]),
        DelegatedApproverAndSystemAdmin => Callers.With(roles: [StandardRoles.DelegatedMailboxApprover, StandardRoles.SystemAdministrator]),
        SystemAdmin => Callers.With(roles: [StandardRoles.SystemAdministrator]),
        ServiceAdmin => Callers.With(DirectoryRoles.ServiceAdministrator),
        ExchangeAdmin => Callers.With(DirectoryRoles.ExchangeAdministrator),
        _ => Callers.With(DirectoryRoles.GlobalAdministrator),
    };
}
