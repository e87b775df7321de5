using ServerSync.Domain.Errors;

namespace ServerSync.Domain.Email;

/// <summary>Mailbox defaults (rules 10–15) and the column combinations a mailbox may hold (sections 1.1, 2.5, 2.8).</summary>
public static class MailboxRules
{
    /// <summary>
    /// Applies the org's default email settings: delivery methods, and the default profile when a
    /// direction uses server-side sync. Queues and non-Exchange profiles get ACT None (ACT is Exchange-only, user-only).
    /// </summary>
    public static void ApplyDefaults(Mailbox mailbox, DefaultEmailSettings defaults, EmailServerProfile? defaultProfile)
    {
        mailbox.IncomingEmailDeliveryMethod = (int)defaults.Incoming;
        mailbox.OutgoingEmailDeliveryMethod = mailbox.IsForwardMailbox ? (int)OutgoingDeliveryMethod.None : (int)defaults.Outgoing;
        var usesSync = defaults.Incoming == IncomingDeliveryMethod.ServerSideSync
            || defaults.Outgoing == OutgoingDeliveryMethod.ServerSideSync
            || defaults.Act == ActDeliveryMethod.ServerSideSync;
        if (usesSync && defaultProfile is not null) mailbox.EmailServerProfileId = defaultProfile.Id;
        var actPossible = !mailbox.IsQueueMailbox && !mailbox.IsForwardMailbox && SupportsAct(defaultProfile?.Type);
        mailbox.ActDeliveryMethod = actPossible ? (int)defaults.Act : (int)ActDeliveryMethod.None;
    }

    /// <summary>Throws a 400 for combinations Dataverse refuses.</summary>
    public static void Validate(Mailbox mailbox, ServerType? profileType)
    {
        if (mailbox.IsForwardMailbox && mailbox.OutgoingEmailDeliveryMethod != (int)OutgoingDeliveryMethod.None)
            throw ServerSyncException.BadRequest("A forward mailbox can only use None for outgoingemaildeliverymethod.");
        if (mailbox.IsForwardMailbox && mailbox.RegardingObjectId is not null)
            throw ServerSyncException.BadRequest("A forward mailbox has no regarding user or queue.");
        if (mailbox.ProcessAndDeleteEmails && !(mailbox.IsForwardMailbox || mailbox.IsQueueMailbox))
            throw ServerSyncException.BadRequest("processanddeleteemails is allowed only on forward and queue mailboxes.");
        if (mailbox.ActDeliveryMethod == (int)ActDeliveryMethod.ServerSideSync)
        {
            if (mailbox.IsQueueMailbox || mailbox.IsForwardMailbox)
                throw ServerSyncException.BadRequest("Appointments, contacts and tasks can be synchronized only for user mailboxes; set actdeliverymethod to 2 (None).");
            if (!SupportsAct(profileType))
                throw ServerSyncException.BadRequest("Appointments, contacts and tasks need an Exchange profile; POP3 and IMAP profiles synchronize email only. Set actdeliverymethod to 2 (None).");
        }
    }

    private static bool SupportsAct(ServerType? type) => type is null
        or ServerType.ExchangeOnline or ServerType.ExchangeServer or ServerType.ExchangeServerHybrid;
}
