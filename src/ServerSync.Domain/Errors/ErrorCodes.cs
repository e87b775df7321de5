namespace ServerSync.Domain.Errors;

/// <summary>Dataverse error codes, as they appear in <c>{"error":{"code":…}}</c>.</summary>
public static class ErrorCodes
{
    public const string InvalidArgument = "0x80040203";
    public const string ObjectDoesNotExist = "0x80040217";
    public const string PrivilegeDenied = "0x80040220";
    public const string DuplicateRecord = "0x80040237";
    public const string ConcurrencyVersionMismatch = "0x80060882";
    public const string UnknownProperty = "0x80060888";
    public const string UnknownSegment = "0x8006088a";
    public const string OptionValueOutOfRange = "0x8004431a";
    public const string ValueOutOfRange = "0x80044331";
    public const string Unauthenticated = "0x80072560";

    /// <summary>Rule 20: assigning the Delegated Mailbox Approver role without being a Global or Exchange administrator.</summary>
    public const string DelegatedApproverAssignerNotAdmin = "0x80090904";

    /// <summary>Rule 21: assigning the Delegated Mailbox Approver role to a team.</summary>
    public const string DelegatedApproverOnTeam = "0x80090905";

    /// <summary>[gap] No published code for "approval not allowed"; ServerSync uses the privilege-denied code.</summary>
    public const string EmailApprovalDenied = PrivilegeDenied;
}
