using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Approval;
using ServerSync.Domain.Email;
using ServerSync.Domain.Monitoring;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Mailboxes;

/// <summary>
/// Schedules Test &amp; Enable: marks the mailboxes and records one background job over them that the
/// sync engine runs. Rule 18: scheduling it on one's own mailbox approves the address when rule 17 holds.
/// </summary>
public static class TestAndEnableScheduler
{
    public static async Task<AsyncOperation> ScheduleAsync(WebApiContext ctx, IReadOnlyList<Mailbox> mailboxes, (Guid Id, string Type)? regarding, CancellationToken ct)
    {
        var org = await ctx.Db.Organizations.SingleAsync(o => o.EnvironmentId == ctx.Environment.Id, ct);
        var settings = OrgDbOrgSettings.Parse(org.OrgDbOrgSettings);
        foreach (var mailbox in mailboxes)
        {
            mailbox.TestEmailConfigurationScheduled = true;
            mailbox.PostponeTestEmailConfigurationUntil = ctx.Now;
            if (mailbox.EmailRouterAccessApproval != (int)EmailAddressApproval.Approved && ApprovalPolicy.CanSelfApprove(ctx.Caller, mailbox, settings))
            {
                MailboxApproval.Apply(ctx, mailbox, EmailAddressApproval.Approved);
                await MailboxApproval.MirrorAsync(ctx, mailbox, ct);
            }
        }
        var single = mailboxes.Count == 1 && regarding is null;
        var job = new AsyncOperation
        {
            Id = Guid.NewGuid(),
            EnvironmentId = ctx.Environment.Id,
            Name = single ? $"Test and enable mailbox {mailboxes[0].Name}" : $"Test and enable {mailboxes.Count} mailboxes",
            OperationType = (int)AsyncOperationType.TestAndEnableMailboxes,
            RegardingObjectId = regarding?.Id ?? (single ? mailboxes[0].Id : null),
            RegardingObjectTypeCode = regarding?.Type ?? (single ? "mailbox" : null),
            Data = string.Join(',', mailboxes.Select(m => m.Id)),
            OwnerId = ctx.Caller.SystemUserId,
            OwningBusinessUnitId = ctx.Caller.BusinessUnitId,
            CreatedOn = ctx.Now,
            ModifiedOn = ctx.Now,
        };
        ctx.Db.AsyncOperations.Add(job);
        return job;
    }
}
