using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Email;
using ServerSync.Storage;

namespace ServerSync.Engine.Outgoing;

/// <summary>
/// Builds the MIME of a CRM email: the sender's mailbox as From, parties as To/Cc/Bcc, the tracking token
/// appended to the subject within the subject-length limit, the email's stable Message-ID, In-Reply-To of
/// its parent, HTML with a text alternative, and its attachments. An email whose own content doesn't parse throws
/// <see cref="UncomposableEmailException"/>.
/// </summary>
public sealed partial class MimeComposer(ServerSyncDbContext db)
{
    /// <summary>MaximumSubjectLengthOnMailServer (reference 1.3).</summary>
    public const int MaximumSubjectLength = 255;

    public async Task<MimeMessage> ComposeAsync(EmailActivity email, Mailbox sender, CancellationToken ct)
    {
        var message = new MimeMessage();
        var senderName = await db.SystemUsers.Where(u => u.Id == sender.RegardingObjectId).Select(u => u.FullName).FirstOrDefaultAsync(ct)
            ?? await db.Queues.Where(q => q.Id == sender.RegardingObjectId).Select(q => q.Name).FirstOrDefaultAsync(ct);
        message.From.Add(new MailboxAddress(senderName ?? sender.Name, sender.EmailAddress
            ?? throw new Connectors.Abstractions.MailServerException(Connectors.Abstractions.MailErrorClass.Permanent, Connectors.Abstractions.MailErrorKind.Protocol,
                "The sending mailbox has no email address; set emailaddress on the mailbox.")));
        foreach (var party in await db.ActivityParties.AsNoTracking().Where(p => p.ActivityId == email.Id).ToListAsync(ct))
        {
            // SendEmail recorded the address of every party (addressused); a party without one has no address to send to.
            var address = party.AddressUsed;
            if (string.IsNullOrWhiteSpace(address)) continue;
            var list = (ParticipationType)party.ParticipationTypeMask switch
            {
                ParticipationType.ToRecipient => message.To,
                ParticipationType.CcRecipient => message.Cc,
                ParticipationType.BccRecipient => message.Bcc,
                _ => null,
            };
            if (list is null) continue;
            if (!MailboxAddress.TryParse(address, out var parsed))
                throw new UncomposableEmailException($"the recipient address \"{address}\" is not a valid email address");
            list.Add(parsed);
        }
        message.Subject = email.TrackingToken is { } token ? TrackingToken.AppendToSubject(email.Subject, token, MaximumSubjectLength) : email.Subject ?? "";
        message.MessageId = MessageIdentity.Normalize(email.MessageId!);
        if (email.ParentActivityId is { } parentId
            && await db.Emails.Where(e => e.Id == parentId).Select(e => e.MessageId).FirstOrDefaultAsync(ct) is { } parentMessageId)
        {
            message.InReplyTo = MessageIdentity.Normalize(parentMessageId);
            message.References.Add(message.InReplyTo);
        }
        message.Date = email.ModifiedOn;
        message.Headers.Add("X-ServerSync-ActivityId", email.Id.ToString());

        var body = new BodyBuilder { HtmlBody = email.Description ?? "", TextBody = ToText(email.Description) };
        foreach (var attachment in await db.Attachments.AsNoTracking().Where(a => a.ObjectId == email.Id).ToListAsync(ct))
        {
            if (!ContentType.TryParse(attachment.MimeType, out var type))
                throw new UncomposableEmailException($"its attachment \"{attachment.FileName}\" has the MIME type \"{attachment.MimeType}\", which is not of the form type/subtype");
            body.Attachments.Add(attachment.FileName, attachment.Content, type);
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string ToText(string? html) =>
        html is null ? "" : System.Net.WebUtility.HtmlDecode(Tags().Replace(Breaks().Replace(html, "\n"), "")).Trim();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"<(br|/p|/div|/li)\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();
}
