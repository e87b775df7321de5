using ServerSync.Domain.Email;
using ServerSync.Domain.Tenancy;

namespace ServerSync.Domain.Approval;

/// <summary>The rows of the permission table (rule 24): where CE runs × where Exchange runs.</summary>
public enum ApprovalDeployment
{
    OnlineWithExchangeOnline,
    OnlineWithExchangeOnPremises,
    OnPremisesWithExchangeOnline,
    OnPremisesWithExchangeOnPremises,
}

public static class ApprovalDeployments
{
    /// <summary>
    /// Picks the row. [gap] The table speaks only of Exchange; ServerSync treats every profile that is
    /// not Exchange Online (Exchange Server, IMAP, POP3, or no profile yet) as the "Exchange on-premises" column.
    /// </summary>
    public static ApprovalDeployment For(DeploymentModel model, ServerType? serverType)
    {
        var exchangeOnline = serverType == ServerType.ExchangeOnline;
        return (model, exchangeOnline) switch
        {
            (DeploymentModel.Online, true) => ApprovalDeployment.OnlineWithExchangeOnline,
            (DeploymentModel.Online, false) => ApprovalDeployment.OnlineWithExchangeOnPremises,
            (DeploymentModel.OnPremises, true) => ApprovalDeployment.OnPremisesWithExchangeOnline,
            _ => ApprovalDeployment.OnPremisesWithExchangeOnPremises,
        };
    }
}
