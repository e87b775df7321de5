using ServerSync.Domain.Security;
using ServerSync.Domain.Tenancy;
using static ServerSync.Domain.Approval.Permission;

namespace ServerSync.Domain.Approval;

/// <summary>
/// Rule 24: who may approve email addresses, per deployment. The table is data; <see cref="Decide"/>
/// reads it. A caller usually matches several columns (a Global admin with System Administrator also
/// matches "System admin" and "Global admin"): the most specific column that is not n/a decides.
/// [gap] The source does not say what n/a means for a caller; ServerSync reads it as "this
/// distinction does not exist in that deployment", so the next matching column decides, and a caller
/// whose every column is n/a cannot approve.
/// </summary>
public static class ApprovalPermissionTable
{
    private static readonly Dictionary<ApprovalDeployment, Permission[]> Rows = new()
    {
        //                                                  GA+SA  EA+SA  DMA+SA  SA   Service  EA   GA
        [ApprovalDeployment.OnlineWithExchangeOnline] =       [Yes, Yes, Yes, No, No, No, No],
        [ApprovalDeployment.OnlineWithExchangeOnPremises] =   [NotApplicable, NotApplicable, NotApplicable, Yes, No, NotApplicable, NotApplicable],
        [ApprovalDeployment.OnPremisesWithExchangeOnline] =   [NotApplicable, NotApplicable, NotApplicable, Yes, NotApplicable, NotApplicable, NotApplicable],
        [ApprovalDeployment.OnPremisesWithExchangeOnPremises] = [NotApplicable, NotApplicable, NotApplicable, Yes, NotApplicable, NotApplicable, NotApplicable],
    };

    public static Permission Cell(ApprovalDeployment deployment, ApproverColumn column) => Rows[deployment][(int)column];

    /// <summary>The columns a caller matches, most specific first.</summary>
    public static IEnumerable<ApproverColumn> ColumnsOf(CallerContext caller)
    {
        var sa = caller.IsSystemAdministrator;
        var ga = caller.Has(DirectoryRoles.GlobalAdministrator);
        var ea = caller.Has(DirectoryRoles.ExchangeAdministrator);
        if (ga && sa) yield return ApproverColumn.GlobalAdminAndSystemAdmin;
        if (ea && sa) yield return ApproverColumn.ExchangeAdminAndSystemAdmin;
        if (caller.IsDelegatedMailboxApprover && sa) yield return ApproverColumn.DelegatedApproverAndSystemAdmin;
        if (sa) yield return ApproverColumn.SystemAdmin;
        if (caller.Has(DirectoryRoles.ServiceAdministrator)) yield return ApproverColumn.ServiceAdmin;
        if (ea) yield return ApproverColumn.ExchangeAdmin;
        if (ga) yield return ApproverColumn.GlobalAdmin;
    }

    public static bool Decide(ApprovalDeployment deployment, CallerContext caller)
    {
        foreach (var column in ColumnsOf(caller))
        {
            var cell = Cell(deployment, column);
            if (cell != NotApplicable) return cell == Yes;
        }
        return false;
    }
}
