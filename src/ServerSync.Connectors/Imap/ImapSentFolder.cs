using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;
using ServerSync.Connectors.Abstractions;
using ServerSync.Connectors.Connections;

namespace ServerSync.Connectors.Imap;

/// <summary>The sender's Sent folder over IMAP: found by the \Sent special use, else by the name "Sent".</summary>
public sealed class ImapSentFolder(MailSessionRunner sessions) : ISentFolder
{
    private const string FallbackName = "Sent";

    public Task<bool> ContainsAsync(MailServerEndpoint endpoint, string messageId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        return sessions.RunImapAsync(endpoint, async (client, token) =>
        {
            var sent = await FindAsync(client, token);
            await sent.OpenAsync(FolderAccess.ReadOnly, token);
            // HEADER search matches substrings; the angle brackets keep "a@x" from matching "<ba@x>".
            var matches = await sent.SearchAsync(SearchQuery.HeaderContains("Message-ID", $"<{messageId.Trim().Trim('<', '>')}>"), token);
            return matches.Count > 0;
        }, ct);
    }

    public Task AppendAsync(MailServerEndpoint endpoint, MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        return sessions.RunImapAsync(endpoint, async (client, token) =>
        {
            var sent = await FindAsync(client, token);
            await sent.AppendAsync(new AppendRequest(message, MessageFlags.Seen), token);
            return true;
        }, ct);
    }

    /// <summary>Throws <see cref="FolderNotFoundException"/> (classified MailboxNotFound) when there is neither.</summary>
    private static async Task<IMailFolder> FindAsync(ImapClient client, CancellationToken ct)
    {
        if ((client.Capabilities & (ImapCapabilities.SpecialUse | ImapCapabilities.XList)) != 0 && client.GetFolder(SpecialFolder.Sent) is { } sent)
        {
            return sent;
        }

        var personalRoot = client.GetFolder(client.PersonalNamespaces[0]);
        return await personalRoot.GetSubfolderAsync(FallbackName, ct);
    }
}
