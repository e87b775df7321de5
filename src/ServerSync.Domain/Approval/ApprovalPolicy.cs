using ServerSync.Domain.Email;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Security;

namespace ServerSync.Domain.Approval;

/// <summary>Rules 16–18 and 23–29: whether a caller may approve or reject a mailbox's email address.</summary>
public static class ApprovalPolicy
{
    public const string NotAllowedMessage =
        "This email address can only be approved by a user with the Global Administrator or Exchange Administrator role in Office 365 or the Delegated Mailbox Approver role in Dynamics 365.";

    /// <summary>Rule 17: approving one's own mailbox.</summary>
    public static bool CanSelfApprove(CallerContext caller, Mailbox mailbox, OrgDbOrgSettings settings) =>
        !mailbox.IsQueueMailbox
        && caller.UserPrincipalName is { } upn
        && string.Equals(upn, mailbox.EmailAddress, StringComparison.OrdinalIgnoreCase)
        && (!settings.RequirePrivilegeToSelfApproveEmailAddress || caller.DepthOf(PrivilegeCatalog.ApproveRejectEmailAddress) is not null)
        && caller.DepthOf(PrivilegeCatalog.NameFor(AccessRight.Write, "Mailbox")) is not null;

    /// <summary>Rules 16 and 24: the privilege plus a "Yes" in the permission table.</summary>
    public static bool CanApproveOthers(CallerContext caller, ApprovalDeployment deployment) =>
        caller.DepthOf(PrivilegeCatalog.ApproveRejectEmailAddress) is not null
        && ApprovalPermissionTable.Decide(deployment, caller);

    /// <summary>Throws the documented refusal unless the caller may change this mailbox's approval.</summary>
    public static void EnsureCanApprove(CallerContext caller, Mailbox mailbox, ApprovalDeployment deployment, OrgDbOrgSettings settings)
    {
        if (CanApproveOthers(caller, deployment) || CanSelfApprove(caller, mailbox, settings)) return;
        throw ServerSyncException.Forbidden(NotAllowedMessage, ErrorCodes.EmailApprovalDenied);
    }

    /// <summary>
    /// Rule 18: the Approve Email command is hidden when self-approval needs no privilege and the caller lacks it
    /// (Test &amp; Enable still approves then).
    /// </summary>
    public static bool IsApproveCommandVisible(CallerContext caller, OrgDbOrgSettings settings) =>
        settings.RequirePrivilegeToSelfApproveEmailAddress || caller.DepthOf(PrivilegeCatalog.ApproveRejectEmailAddress) is not null;

    /// <summary>Rules 25 and 29, and 2.3: Exchange Online mailboxes need approval even with the org switches off.</summary>
    public static bool IsApprovalRequired(Organization org, Mailbox mailbox, ServerType? profileType) =>
        profileType == ServerType.ExchangeOnline
        || (mailbox.IsQueueMailbox ? org.RequireApprovalForQueueEmail : org.RequireApprovalForUserEmail);
}
