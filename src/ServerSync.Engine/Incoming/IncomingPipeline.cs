using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServerSync.Connectors.Abstractions;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Email;
using ServerSync.Storage;

namespace ServerSync.Engine.Incoming;

/// <summary>
/// Turns received MIME into email activities (reference 2.5), whatever connector fetched it: de-duplication
/// by Message-ID per environment, correlation, sender and recipient resolution, filtering, attachments
/// within the org's limits, queue items. It only collects the new rows in <see cref="NewActivityRows"/>; the caller
/// stores them together with the connector's sync state, so a batch is stored whole or not at all.
/// </summary>
public sealed class IncomingPipeline(ServerSyncDbContext db, AddressResolver resolver, Correlator correlator, TimeProvider clock, ILogger<IncomingPipeline> logger)
{
    /// <summary>[gap] Sources disagree on CreateQueueItemForSynchronizingMailbox; ServerSync creates the item (a queue's own mail belongs in the queue).</summary>
    private const bool CreateQueueItemForSynchronizingMailbox = true;

    public async Task<BatchResult> ProcessAsync(Mailbox mailbox, MailboxOwner owner, Organization org, ParsedBatch batch, NewActivityRows rows, CancellationToken ct)
    {
        var env = mailbox.EnvironmentId;
        var parsed = batch.Mails;
        var failed = batch.Unreadable.Count;
        var dupChecks = parsed.Select(p => p.DupCheck).Distinct().ToList();
        // By key alone, a search of the (messageiddupcheck, environmentid) index whatever the planner knows of the
        // environment; the environment is checked here (the same message in another environment is another activity).
        var tracked = (await db.Emails.AsNoTracking().Where(e => e.MessageIdDupCheck != null && dupChecks.Contains(e.MessageIdDupCheck.Value))
                .Select(e => new { e.Id, e.EnvironmentId, e.MessageIdDupCheck }).ToListAsync(ct))
            .Where(e => e.EnvironmentId == env).ToDictionary(e => e.MessageIdDupCheck!.Value, e => e.Id);
        await correlator.PrepareAsync(env, org, parsed, ct);
        var matches = await resolver.ResolveAsync(env, parsed.SelectMany(p => p.AllAddresses).ToList(), ct);
        var queueIds = matches.Values.SelectMany(m => m).Where(m => m.Type == "queue").Select(m => m.Id).Distinct().ToList();
        var queues = queueIds.Count == 0 ? [] : await db.Queues.AsNoTracking().Where(q => queueIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var policy = new AttachmentPolicy(org);

        int created = 0, already = 0, filtered = 0;
        foreach (var mail in parsed)
        {
            var recipients = mail.To.Concat(mail.Cc).SelectMany(a => matches.GetValueOrDefault(a) ?? []).ToList();
            var queueRecipients = recipients.Where(r => r.Type == "queue").Select(r => r.Id).Distinct().ToList();
            if (tracked.TryGetValue(mail.DupCheck, out var existing))
            {
                // Already an activity (another mailbox, or a replay after a crash): only the queue items it lacks.
                await AddQueueItemsAsync(env, existing, mail.Subject, owner, queueRecipients, rows, ct);
                already++;
                continue;
            }

            var correlation = correlator.Correlate(org, mail);
            var sender = mail.FromAddress is null ? null : matches.GetValueOrDefault(mail.FromAddress)?.FirstOrDefault();
            if (IsIgnoredInternalMail(org, sender, queueRecipients))
            {
                filtered++;
                continue;
            }
            var accepting = Accepting(owner, correlation.Parent is not null, sender?.Type, queueRecipients, queues);
            if (accepting is null)
            {
                filtered++;
                continue;
            }

            var email = NewEmail(mailbox, org, mail, correlation, accepting);
            AddParties(email, mail, matches, org, rows);
            AddAttachments(email, mail, policy, rows);
            rows.Emails.Add(email);
            var hash = EmailHash.For(email);
            rows.Hashes.Add(hash);
            correlator.Remember(email, hash, mail);
            tracked[mail.DupCheck] = email.Id;
            await AddQueueItemsAsync(env, email.Id, mail.Subject, owner, queueRecipients, rows, ct);
            created++;
        }
        return new BatchResult(created, already, filtered, failed, parsed.Select(p => p.ReceivedOn ?? p.Date).OfType<DateTimeOffset>().ToList());
    }

    /// <summary>
    /// Parses a batch on all cores (MIME parsing and decoding is most of the pipeline's CPU); touches no
    /// database, so it can run while the previous batch is stored. The default scheduler is named because a
    /// grain's own scheduler runs one task at a time. An unreadable message is set aside with the reason (whatever
    /// the parser threw, not only FormatException: one message must not stop the mailbox); the cycle alerts on it.
    /// </summary>
    public ParsedBatch Parse(Guid mailboxId, IReadOnlyList<FetchedMessage> messages, CancellationToken ct)
    {
        var parsed = new ParsedMail?[messages.Count];
        var reasons = new string?[messages.Count];
        var parallel = new ParallelOptions { CancellationToken = ct, TaskScheduler = TaskScheduler.Default };
        Parallel.For(0, messages.Count, parallel, i =>
        {
            try
            {
                parsed[i] = ParsedMail.Parse(messages[i]);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Skipped unreadable message {ServerId} in mailbox {Mailbox}", messages[i].ServerId, mailboxId);
                reasons[i] = e.Message;
            }
        });
        var unreadable = messages.Select((m, i) => reasons[i] is { } reason ? new UnreadableMail(m.ServerId, reason) : null).OfType<UnreadableMail>().ToList();
        return new ParsedBatch(parsed.OfType<ParsedMail>().ToList(), unreadable);
    }

    /// <summary>Internal mail (sender is a user) is skipped when the org ignores it, except mail to queues (DoNotIgnoreInternalEmailToQueues).</summary>
    private static bool IsIgnoredInternalMail(Organization org, AddressResolver.Match? sender, List<Guid> queueRecipients) =>
        org.IgnoreInternalEmail && sender?.Type == "systemuser" && queueRecipients.Count == 0;

    /// <summary>
    /// Who accepts the mail: the mailbox owner by its filtering method or, with SSSForceFilteringMethodForUserMailboxes
    /// off (the default), a queue among the recipients whose method accepts it (reference 2.5.2).
    /// </summary>
    private static MailboxOwner? Accepting(MailboxOwner owner, bool correlated, string? senderType, List<Guid> queueRecipients, Dictionary<Guid, Domain.Email.Queue> queues)
    {
        if (IncomingFilter.Accepts(owner.FilteringMethod, correlated, senderType)) return owner;
        foreach (var id in queueRecipients)
        {
            if (queues.TryGetValue(id, out var queue) && IncomingFilter.Accepts((IncomingFilteringMethod)queue.IncomingEmailFilteringMethod, correlated, senderType))
                return new MailboxOwner("queue", queue.Id, (IncomingFilteringMethod)queue.IncomingEmailFilteringMethod);
        }
        return null;
    }

    private EmailActivity NewEmail(Mailbox mailbox, Organization org, ParsedMail mail, Correlator.Result correlation, MailboxOwner accepting)
    {
        var now = clock.GetUtcNow();
        var parent = correlation.Parent;
        return new EmailActivity
        {
            Id = Guid.NewGuid(), EnvironmentId = mailbox.EnvironmentId,
            OwnerId = mailbox.OwnerId, OwnerIdType = mailbox.OwnerIdType, OwningBusinessUnitId = mailbox.OwningBusinessUnitId,
            Subject = StoredText.Cut(mail.Subject, 400), Description = mail.Body,
            DirectionCode = false, StateCode = (int)EmailState.Completed, StatusCode = (int)EmailStatus.Received,
            MessageId = StoredText.Cut(mail.MessageId, 320), MessageIdDupCheck = mail.DupCheck,
            InReplyTo = StoredText.Cut(mail.InReplyTo, 320), ConversationIndex = mail.ConversationIndex is { Length: <= 2048 } index ? index : null,
            TrackingToken = TrackingToken.Find(mail.Subject, org),
            CorrelationMethod = (int)correlation.Method,
            RegardingObjectId = parent?.RegardingObjectId, RegardingObjectTypeCode = parent?.RegardingObjectTypeCode,
            ParentActivityId = correlation.Method is CorrelationMethod.InReplyTo or CorrelationMethod.ConversationIndex ? parent?.Id : null,
            ReceivingMailboxId = mailbox.Id, AcceptingEntityId = accepting.Id, AcceptingEntityTypeCode = accepting.Type,
            Sender = StoredText.Cut(mail.FromAddress, 250), ToRecipients = StoredText.Cut(string.Join(";", mail.To), 500),
            SentOn = mail.Date ?? mail.ReceivedOn, CreatedOn = now, ModifiedOn = now,
        };
    }

    /// <summary>From resolves to its first match; To and Cc list every match unless the org says to leave several unresolved.</summary>
    private static void AddParties(EmailActivity email, ParsedMail mail, Dictionary<string, List<AddressResolver.Match>> matches, Organization org, NewActivityRows rows)
    {
        if (mail.FromAddress is { } from) AddParty(email, ParticipationType.Sender, from, matches.GetValueOrDefault(from)?.Take(1).ToList() ?? [], rows);
        foreach (var (addresses, type) in new[] { (mail.To, ParticipationType.ToRecipient), (mail.Cc, ParticipationType.CcRecipient) })
        {
            foreach (var address in addresses)
            {
                var found = matches.GetValueOrDefault(address) ?? [];
                if (found.Count > 1 && org.UnresolveEmailAddressIfMultipleMatch) found = [];
                AddParty(email, type, address, found, rows);
            }
        }
    }

    private static void AddParty(EmailActivity email, ParticipationType type, string address, List<AddressResolver.Match> found, NewActivityRows rows)
    {
        var parties = found.Count == 0 ? [null] : found.Cast<AddressResolver.Match?>();
        foreach (var match in parties)
        {
            rows.Parties.Add(new ActivityParty
            {
                Id = Guid.NewGuid(), EnvironmentId = email.EnvironmentId, ActivityId = email.Id,
                OwnerId = email.OwnerId, OwnerIdType = email.OwnerIdType, OwningBusinessUnitId = email.OwningBusinessUnitId,
                ParticipationTypeMask = (int)type, PartyId = match?.Id, PartyObjectTypeCode = match?.Type, AddressUsed = StoredText.Cut(address, 320),
                CreatedOn = email.CreatedOn, ModifiedOn = email.CreatedOn,
            });
        }
    }

    /// <summary>Keeps attachments within maxuploadfilesize and not of a blocked type; dropping one sets notifications (reference 2.5.9).</summary>
    private static void AddAttachments(EmailActivity email, ParsedMail mail, AttachmentPolicy policy, NewActivityRows rows)
    {
        foreach (var part in mail.Attachments)
        {
            var name = part.FileName ?? "attachment";
            if (policy.IsBlocked(name) || policy.IsTooLarge(part.Content.Length))
            {
                email.Notifications = (int)EmailNotifications.AttachmentsRemoved;
                continue;
            }
            rows.Attachments.Add(new ActivityMimeAttachment
            {
                Id = Guid.NewGuid(), EnvironmentId = email.EnvironmentId, ObjectId = email.Id,
                OwnerId = email.OwnerId, OwnerIdType = email.OwnerIdType, OwningBusinessUnitId = email.OwningBusinessUnitId,
                FileName = StoredText.Cut(name, 255)!, MimeType = StoredText.Cut(part.MimeType, 256)!, FileSize = part.Content.Length,
                Content = part.Content, ContentId = StoredText.Cut(part.ContentId, 256),
                CreatedOn = email.CreatedOn, ModifiedOn = email.CreatedOn,
            });
            email.AttachmentCount++;
        }
    }

    /// <summary>One queue item per receiving queue and email (CreateQueueItemsForAcceptingQueueRecipients, CreateQueueItemForSynchronizingMailbox).</summary>
    private async Task AddQueueItemsAsync(Guid environmentId, Guid emailId, string? subject, MailboxOwner owner, List<Guid> queueRecipients, NewActivityRows rows, CancellationToken ct)
    {
        var queues = queueRecipients.ToList();
        if (CreateQueueItemForSynchronizingMailbox && owner.Type == "queue" && !queues.Contains(owner.Id)) queues.Add(owner.Id);
        if (queues.Count == 0) return;
        var present = rows.QueueItems.Where(q => q.ObjectId == emailId).Select(q => q.QueueId).ToHashSet();
        if (!rows.Emails.Any(e => e.Id == emailId))
            present.UnionWith(await db.QueueItems.AsNoTracking().Where(q => q.ObjectId == emailId).Select(q => q.QueueId).ToListAsync(ct));
        var now = clock.GetUtcNow();
        foreach (var queue in queues.Where(q => !present.Contains(q)))
        {
            rows.QueueItems.Add(new QueueItem
            {
                Id = Guid.NewGuid(), EnvironmentId = environmentId, QueueId = queue, ObjectId = emailId,
                Title = StoredText.Cut(subject, 300), EnteredOn = now, CreatedOn = now, ModifiedOn = now,
            });
        }
    }
}
