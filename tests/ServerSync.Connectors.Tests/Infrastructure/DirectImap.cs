using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace ServerSync.Connectors.Tests.Infrastructure;

/// <summary>Plain MailKit access to a test mailbox, bypassing the connectors: to arrange mail and to check results.</summary>
internal static class DirectImap
{
    /// <summary>Appends to the Inbox with a chosen INTERNALDATE, as a mail client moving old mail in would.</summary>
    public static async Task AppendToInboxAsync(TestMailbox mailbox, MimeMessage message, DateTimeOffset internalDate)
    {
        using var client = await ConnectAsync(mailbox);
        await client.Inbox.AppendAsync(new AppendRequest(message, MessageFlags.None, internalDate));
        await client.DisconnectAsync(quit: true);
    }

    /// <summary>The flags of every copy of the message with this Message-ID in the Inbox.</summary>
    public static Task<IReadOnlyList<MessageFlags>> FindInInboxAsync(TestMailbox mailbox, string messageId) =>
        FindAsync(mailbox, client => client.Inbox, messageId);

    /// <summary>The flags of every copy of the message with this Message-ID in the \Sent folder.</summary>
    public static Task<IReadOnlyList<MessageFlags>> FindInSentAsync(TestMailbox mailbox, string messageId) =>
        FindAsync(mailbox, client => client.GetFolder(SpecialFolder.Sent)!, messageId);

    public static async Task DeleteFromInboxAsync(TestMailbox mailbox, string messageId)
    {
        using var client = await ConnectAsync(mailbox);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var uids = await client.Inbox.SearchAsync(SearchQuery.HeaderContains("Message-ID", $"<{messageId}>"));
        await client.Inbox.AddFlagsAsync(uids, MessageFlags.Deleted, silent: true);
        await client.Inbox.ExpungeAsync();
        await client.DisconnectAsync(quit: true);
    }

    private static async Task<IReadOnlyList<MessageFlags>> FindAsync(TestMailbox mailbox, Func<ImapClient, IMailFolder> folderOf, string messageId)
    {
        using var client = await ConnectAsync(mailbox);
        var folder = folderOf(client);
        await folder.OpenAsync(FolderAccess.ReadOnly);
        var uids = await folder.SearchAsync(SearchQuery.HeaderContains("Message-ID", $"<{messageId}>"));
        var flags = uids.Count == 0 ? [] : (await folder.FetchAsync(uids, MessageSummaryItems.Flags)).Select(summary => summary.Flags ?? MessageFlags.None).ToList();
        await client.DisconnectAsync(quit: true);
        return flags;
    }

    private static async Task<ImapClient> ConnectAsync(TestMailbox mailbox)
    {
        var stack = MailStack.Current;
        var client = new ImapClient();
        await client.ConnectAsync(stack.Host, stack.ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(mailbox.Address, mailbox.Password);
        return client;
    }
}
