using ServerSync.Domain.Errors;
using ServerSync.Domain.Security;
using ServerSync.Domain.Tenancy;

namespace ServerSync.Domain.Approval;

/// <summary>Rules 19–22: who may give the Delegated Mailbox Approver role, and to whom.</summary>
public static class DelegatedApproverAssignment
{
    public const string AssignerNotAdminMessage =
        "You must be an Office 365 Global Administrator or an Exchange Administrator to assign the Delegated Mailbox Approver role.";

    public const string TeamMessage = "The Delegated Mailbox Approver role can't be assigned to a team.";

    public static void EnsureCanAssignToUser(CallerContext assigner, Role role)
    {
        if (role.RoleTemplateId != StandardRoles.DelegatedMailboxApprover) return;
        if (assigner.Has(DirectoryRoles.GlobalAdministrator) || assigner.Has(DirectoryRoles.ExchangeAdministrator)) return;
        throw ServerSyncException.Forbidden(AssignerNotAdminMessage, ErrorCodes.DelegatedApproverAssignerNotAdmin);
    }

    public static void EnsureCanAssignToTeam(Role role)
    {
        if (role.RoleTemplateId == StandardRoles.DelegatedMailboxApprover)
            throw ServerSyncException.BadRequest(TeamMessage, ErrorCodes.DelegatedApproverOnTeam);
    }
}
