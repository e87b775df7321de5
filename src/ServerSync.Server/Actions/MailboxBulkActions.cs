using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Email;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Monitoring;
using ServerSync.Domain.Security;
using ServerSync.Server.Mailboxes;
using ServerSync.Server.Provisioning;
using ServerSync.Server.Tables;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Actions;

/// <summary>
/// The bulk commands of the Active Mailboxes grid: ApproveEmailAddresses, ApplyDefaultEmailSettings
/// (rule 14) and TestAndEnableMailboxes. Each mailbox is handled on its own: one refusal does not undo
/// the others, and the response says per mailbox what happened.
/// </summary>
public sealed class MailboxBulkActions(MailboxProvisioner provisioner)
{
    public async Task<IResult> ApproveEmailAddressesAsync(WebApiContext ctx, JsonObject body, CancellationToken ct)
    {
        var results = new List<BulkMailboxResult>();
        foreach (var id in MailboxIds(body))
        {
            results.Add(await EachAsync(ctx, id, AccessRight.Write, async mailbox =>
            {
                if (mailbox.EmailRouterAccessApproval == (int)EmailAddressApproval.Approved)
                    return new BulkMailboxResult(id, true, "The email address was already approved.");
                await MailboxApproval.SetAsync(ctx, mailbox, EmailAddressApproval.Approved, ct);
                return new BulkMailboxResult(id, true, "Email address approved.");
            }, ct));
        }
        return Results.Json(new { Results = results });
    }

    public async Task<IResult> ApplyDefaultEmailSettingsAsync(WebApiContext ctx, JsonObject body, CancellationToken ct)
    {
        var testAndEnable = ActionParameters.Boolean(body, "TestAndEnable") ?? true; // rule 14: on by default
        var org = await ctx.Db.Organizations.SingleAsync(o => o.EnvironmentId == ctx.Environment.Id, ct);
        var results = new List<BulkMailboxResult>();
        var toTest = new List<Mailbox>();
        foreach (var id in MailboxIds(body))
        {
            results.Add(await EachAsync(ctx, id, AccessRight.Write, async mailbox =>
            {
                MailboxTableRules.EnsureDeliveryRights(ctx, new HashSet<string> { "incomingemaildeliverymethod" });
                await provisioner.ApplyOrgDefaultsAsync(mailbox, org, ct);
                MailboxRules.Validate(mailbox, await MailboxApproval.ProfileTypeAsync(ctx, mailbox, ct));
                await MailboxApproval.MirrorAsync(ctx, mailbox, ct);
                if (testAndEnable) toTest.Add(mailbox);
                return new BulkMailboxResult(id, true, testAndEnable ? "Default email settings applied; Test & Enable scheduled." : "Default email settings applied.");
            }, ct));
        }
        var job = await ScheduleAsync(ctx, toTest, null, ct);
        return Results.Json(new { Results = results, AsyncOperationId = job?.Id });
    }

    public async Task<IResult> TestAndEnableMailboxesAsync(WebApiContext ctx, JsonObject body, CancellationToken ct)
    {
        IEnumerable<Guid> ids;
        (Guid, string)? regarding = null;
        if (body["EmailServerProfileId"] is { } profileNode)
        {
            // The profile's command: one background job over every mailbox of the profile (rule 36).
            var profileId = ActionParameters.Guid(profileNode, "EmailServerProfileId");
            if (!await ctx.Db.EmailServerProfiles.AnyAsync(x => x.EnvironmentId == ctx.Environment.Id && x.Id == profileId, ct))
                throw ServerSyncException.NotFound($"emailserverprofile With Id = {profileId} Does Not Exist");
            ids = await ctx.Db.Mailboxes.Where(m => m.EnvironmentId == ctx.Environment.Id && m.EmailServerProfileId == profileId).Select(m => m.Id).ToListAsync(ct);
            regarding = (profileId, "emailserverprofile");
        }
        else
        {
            ids = MailboxIds(body);
        }
        var results = new List<BulkMailboxResult>();
        var toTest = new List<Mailbox>();
        foreach (var id in ids)
        {
            results.Add(await EachAsync(ctx, id, AccessRight.Write, mailbox =>
            {
                if (mailbox.EmailServerProfileId is null)
                    throw ServerSyncException.BadRequest("The mailbox has no email server profile; apply the default email settings or choose a profile first.");
                toTest.Add(mailbox);
                return Task.FromResult(new BulkMailboxResult(id, true, "Test & Enable scheduled."));
            }, ct));
        }
        var job = await ScheduleAsync(ctx, toTest, regarding, ct);
        return Results.Json(new { Results = results, AsyncOperationId = job?.Id });
    }

    private static async Task<AsyncOperation?> ScheduleAsync(WebApiContext ctx, List<Mailbox> mailboxes, (Guid, string)? regarding, CancellationToken ct)
    {
        if (mailboxes.Count == 0) return null;
        var job = await TestAndEnableScheduler.ScheduleAsync(ctx, mailboxes, regarding, ct);
        foreach (var mailbox in mailboxes) { mailbox.VersionNumber++; mailbox.ModifiedOn = ctx.Now; }
        await ctx.Db.SaveChangesAsync(ct);
        return job;
    }

    /// <summary>Runs one mailbox's change in its own unit of work; a refusal is reported and discarded.</summary>
    private static async Task<BulkMailboxResult> EachAsync(WebApiContext ctx, Guid id, AccessRight right, Func<Mailbox, Task<BulkMailboxResult>> change, CancellationToken ct)
    {
        var table = ctx.Catalog.Get(typeof(Mailbox));
        try
        {
            var depth = TableAccess.Require(ctx.Caller, right, table);
            var mailbox = await ctx.Db.Mailboxes.FirstOrDefaultAsync(m => m.EnvironmentId == ctx.Environment.Id && m.Id == id, ct)
                ?? throw ServerSyncException.NotFound($"mailbox With Id = {id} Does Not Exist");
            TableAccess.EnsureReaches(ctx.Caller, depth, mailbox, right, table);
            var result = await change(mailbox);
            mailbox.VersionNumber++;
            mailbox.ModifiedOn = ctx.Now;
            await ctx.Db.SaveChangesAsync(ct);
            return result;
        }
        catch (ServerSyncException e)
        {
            DiscardPendingChanges(ctx.Db);
            return BulkMailboxResult.Failed(id, e);
        }
    }

    /// <summary>Undoes what a refused mailbox change left in the unit of work; saved mailboxes stay tracked.</summary>
    private static void DiscardPendingChanges(DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.State == EntityState.Added) entry.State = EntityState.Detached;
            else if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                entry.CurrentValues.SetValues(entry.OriginalValues);
                entry.State = EntityState.Unchanged;
            }
        }
    }

    private static List<Guid> MailboxIds(JsonObject body)
    {
        if (body["MailboxIds"] is not JsonArray array || array.Count == 0)
            throw ServerSyncException.BadRequest("MailboxIds must be a non-empty array of mailbox ids.");
        var ids = new List<Guid>();
        foreach (var item in array)
        {
            ids.Add(ActionParameters.Guid(item, "Each item of MailboxIds"));
        }
        return ids.Distinct().ToList();
    }
}
