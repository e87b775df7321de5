using ServerSync.Domain.Email;
using ServerSync.Domain.Errors;

namespace ServerSync.Domain.Tests.Email;

/// <summary>Default email settings on mailboxes (rules 10–14) and the combinations a mailbox may hold.</summary>
public sealed class MailboxRulesTests
{
    private static readonly EmailServerProfile Exo = new() { Id = Guid.NewGuid(), ServerType = (int)ServerType.ExchangeOnline };
    private static readonly EmailServerProfile Imap = new() { Id = Guid.NewGuid(), ServerType = (int)ServerType.ImapSmtp };

    [Fact]
    public void User_mailbox_gets_the_rule_10_defaults_and_the_default_profile()
    {
        var mailbox = new Mailbox { RegardingObjectTypeCode = "systemuser" };
        MailboxRules.ApplyDefaults(mailbox, DefaultEmailSettings.Standard, Exo);
        Assert.Equal(Exo.Id, mailbox.EmailServerProfileId);
        Assert.Equal((int)IncomingDeliveryMethod.ServerSideSync, mailbox.IncomingEmailDeliveryMethod);
        Assert.Equal((int)OutgoingDeliveryMethod.ServerSideSync, mailbox.OutgoingEmailDeliveryMethod);
        Assert.Equal((int)ActDeliveryMethod.ServerSideSync, mailbox.ActDeliveryMethod);
    }

    [Fact]
    public void Queue_and_imap_mailboxes_never_get_act()
    {
        var queue = new Mailbox { RegardingObjectTypeCode = "queue" };
        MailboxRules.ApplyDefaults(queue, DefaultEmailSettings.Standard, Exo);
        Assert.Equal((int)ActDeliveryMethod.None, queue.ActDeliveryMethod);

        var imapUser = new Mailbox { RegardingObjectTypeCode = "systemuser" };
        MailboxRules.ApplyDefaults(imapUser, DefaultEmailSettings.Standard, Imap);
        Assert.Equal((int)ActDeliveryMethod.None, imapUser.ActDeliveryMethod);
    }

    [Fact]
    public void No_profile_is_linked_when_nothing_uses_server_side_sync()
    {
        var mailbox = new Mailbox { RegardingObjectTypeCode = "systemuser" };
        var outlookOnly = new DefaultEmailSettings(IncomingDeliveryMethod.Outlook, OutgoingDeliveryMethod.Outlook, ActDeliveryMethod.Outlook);
        MailboxRules.ApplyDefaults(mailbox, outlookOnly, Exo);
        Assert.Null(mailbox.EmailServerProfileId);
    }

    [Fact]
    public void Forward_mailbox_outgoing_must_be_none()
    {
        var mailbox = new Mailbox { IsForwardMailbox = true, OutgoingEmailDeliveryMethod = (int)OutgoingDeliveryMethod.ServerSideSync };
        Assert.Throws<ServerSyncException>(() => MailboxRules.Validate(mailbox, ServerType.Other));
        mailbox.OutgoingEmailDeliveryMethod = (int)OutgoingDeliveryMethod.None;
        MailboxRules.Validate(mailbox, ServerType.Other);
    }

    [Fact]
    public void Delete_after_processing_only_on_forward_and_queue_mailboxes()
    {
        var user = new Mailbox { RegardingObjectTypeCode = "systemuser", ProcessAndDeleteEmails = true };
        Assert.Contains("processanddeleteemails", Assert.Throws<ServerSyncException>(() => MailboxRules.Validate(user, ServerType.ImapSmtp)).Message);
        MailboxRules.Validate(new Mailbox { RegardingObjectTypeCode = "queue", ProcessAndDeleteEmails = true }, ServerType.ImapSmtp);
    }

    [Fact]
    public void Act_through_sync_needs_an_exchange_profile_and_a_user()
    {
        var user = new Mailbox { RegardingObjectTypeCode = "systemuser", ActDeliveryMethod = (int)ActDeliveryMethod.ServerSideSync };
        Assert.Throws<ServerSyncException>(() => MailboxRules.Validate(user, ServerType.ImapSmtp));
        MailboxRules.Validate(user, ServerType.ExchangeOnline);
        var queue = new Mailbox { RegardingObjectTypeCode = "queue", ActDeliveryMethod = (int)ActDeliveryMethod.ServerSideSync };
        Assert.Throws<ServerSyncException>(() => MailboxRules.Validate(queue, ServerType.ExchangeOnline));
    }
}
