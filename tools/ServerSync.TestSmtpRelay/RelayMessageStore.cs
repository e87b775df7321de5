using System.Buffers;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ServerSync.TestSmtpRelay;

/// <summary>
/// What happens to a message after SMTP DATA: capture it in the outbox, deliver its local recipients
/// over LMTP, and answer the SMTP client. Recipients of other domains are only captured.
/// An LMTP refusal becomes the SMTP reply (4xx → 451, 5xx → 550) rather than a bounce, so a test
/// sees the failure where it sent the message.
/// </summary>
internal sealed class RelayMessageStore(Outbox outbox, LmtpClient lmtp, IReadOnlySet<string> localDomains) : MessageStore
{
    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
        ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        byte[] message = buffer.ToArray();
        string from = Address(transaction.From);
        var recipients = transaction.To.Select(Address).ToList();
        var local = transaction.To.Where(m => localDomains.Contains(m.Host)).Select(Address).ToList();

        string id = outbox.NewId();
        await outbox.WriteMessageAsync(id, message, cancellationToken);
        SmtpResponse response = await DeliverAsync(id, from, local, message, cancellationToken);
        await outbox.WriteEnvelopeAsync(id, from, recipients, $"{(int)response.ReplyCode} {response.Message}", cancellationToken);

        Console.WriteLine($"{id}: from=<{from}> to=[{string.Join(", ", recipients)}] local=[{string.Join(", ", local)}] " +
                          $"-> {(int)response.ReplyCode} {response.Message}");
        return response;
    }

    private async Task<SmtpResponse> DeliverAsync(string id, string from, List<string> local, byte[] message, CancellationToken ct)
    {
        if (local.Count == 0)
        {
            return new SmtpResponse(SmtpReplyCode.Ok, $"captured as {id}");
        }
        try
        {
            LmtpReply? refusal = await lmtp.DeliverAsync(from, local, message, ct);
            if (refusal is null)
            {
                return new SmtpResponse(SmtpReplyCode.Ok, $"delivered, captured as {id}");
            }
            // Keep Dovecot's enhanced status code and text, e.g. "550 5.1.1 <x@example.test> User doesn't exist".
            return new SmtpResponse(refusal.IsTransient ? SmtpReplyCode.Aborted : SmtpReplyCode.MailboxUnavailable,
                $"{refusal.Text} (LMTP)");
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new SmtpResponse(SmtpReplyCode.Aborted, $"LMTP delivery failed: {e.Message}");
        }
    }

    // Null sender (bounces) is MAIL FROM:<>.
    private static string Address(IMailbox? mailbox) =>
        mailbox is null || string.IsNullOrEmpty(mailbox.User) ? "" : $"{mailbox.User}@{mailbox.Host}";
}
