namespace ServerSync.Domain.Approval;

/// <summary>The columns of the permission table (rule 24), most specific first.</summary>
public enum ApproverColumn
{
    GlobalAdminAndSystemAdmin,
    ExchangeAdminAndSystemAdmin,
    DelegatedApproverAndSystemAdmin,
    SystemAdmin,
    ServiceAdmin,
    ExchangeAdmin,
    GlobalAdmin,
}

public enum Permission { No, Yes, NotApplicable }
