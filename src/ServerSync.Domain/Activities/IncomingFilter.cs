using ServerSync.Domain.Email;

namespace ServerSync.Domain.Activities;

/// <summary>
/// "Convert incoming email to activities" (reference 2.5.2): whether a mailbox owner's filtering method
/// accepts a message, given what correlation and sender resolution found.
/// </summary>
public static class IncomingFilter
{
    /// <param name="method">The user's or queue's incomingemailfilteringmethod.</param>
    /// <param name="isResponseToTrackedEmail">Correlation matched an existing email (In-Reply-To, token, conversation index, smart matching).</param>
    /// <param name="senderType">The table the sender resolved to (contact, account, lead, systemuser, queue), or null.</param>
    public static bool Accepts(IncomingFilteringMethod method, bool isResponseToTrackedEmail, string? senderType) => method switch
    {
        IncomingFilteringMethod.AllEmail => true,
        IncomingFilteringMethod.ResponsesToCrmEmail => isResponseToTrackedEmail,
        IncomingFilteringMethod.FromLeadsContactsAccounts => isResponseToTrackedEmail || senderType is "contact" or "account" or "lead",
        IncomingFilteringMethod.FromEmailEnabledRecords => isResponseToTrackedEmail || senderType is not null,
        _ => false,
    };
}
