using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Errors;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Tables;

/// <summary>
/// Emails written in the CRM: drafts with their parties (deep insert of email_activity_parties), editable
/// until sent. Received mail and the send lifecycle belong to the sync engine.
/// </summary>
public sealed class EmailTableRules : TableRules<EmailActivity>, IDeepInsertRules<EmailActivity>
{
    public const string PartiesCollection = "email_activity_parties";

    public IReadOnlyDictionary<string, Type> Collections { get; } = new Dictionary<string, Type> { [PartiesCollection] = typeof(ActivityParty) };

    public override Task OnCreatingAsync(WebApiContext ctx, EmailActivity row, IReadOnlySet<string> columns, CancellationToken ct)
    {
        row.StatusCode = (int)EmailStatus.Draft;
        row.StateCode = (int)EmailState.Open;
        // Mail written or tracked in the CRM is found by smart matching like received mail.
        ctx.Db.EmailHashes.Add(EmailHash.For(row));
        return Task.CompletedTask;
    }

    public override async Task OnUpdatingAsync(WebApiContext ctx, EmailActivity row, EmailActivity before, IReadOnlySet<string> columns, CancellationToken ct)
    {
        // Sent and received mail keeps its content; only what it is about (regarding) can still be set, as in Dataverse.
        if (before.StatusCode is not ((int)EmailStatus.Draft or (int)EmailStatus.Failed) && columns.Any(c => c != "_regardingobjectid_value"))
            throw ServerSyncException.BadRequest($"The email is {(EmailStatus)before.StatusCode}; only drafts and failed emails can be changed (of a sent or received email, only regardingobjectid).");
        if (columns.Contains("subject") || columns.Contains("trackingtoken"))
        {
            var hash = await ctx.Db.EmailHashes.FindAsync([row.Id], ct);
            if (hash is null) ctx.Db.EmailHashes.Add(EmailHash.For(row));
            else hash.SubjectHash = SubjectNormalizer.Hash(row.Subject, row.TrackingToken);
        }
    }

    public override async Task OnDeletingAsync(WebApiContext ctx, EmailActivity row, CancellationToken ct)
    {
        if (row.StatusCode is (int)EmailStatus.Sending)
            throw ServerSyncException.BadRequest("The email is being sent right now; delete it after it is sent or has failed.");
        ctx.Db.ActivityParties.RemoveRange(await ctx.Db.ActivityParties.Where(p => p.ActivityId == row.Id).ToListAsync(ct));
        ctx.Db.Attachments.RemoveRange(await ctx.Db.Attachments.Where(a => a.ObjectId == row.Id).ToListAsync(ct));
        ctx.Db.QueueItems.RemoveRange(await ctx.Db.QueueItems.Where(q => q.ObjectId == row.Id).ToListAsync(ct));
        // Its emailhash row goes with it (the foreign key cascades).
    }

    public async Task InsertAsync(WebApiContext ctx, EmailActivity row, string collection, JsonArray items, CancellationToken ct)
    {
        var table = ctx.Catalog.Get(typeof(ActivityParty));
        foreach (var item in items)
        {
            if (item is not JsonObject body) throw ServerSyncException.BadRequest($"Each item of {PartiesCollection} must be an object.");
            var party = new ActivityParty
            {
                Id = Guid.NewGuid(), EnvironmentId = ctx.Environment.Id, ActivityId = row.Id,
                OwnerId = row.OwnerId, OwnerIdType = row.OwnerIdType, OwningBusinessUnitId = row.OwningBusinessUnitId,
                CreatedOn = ctx.Now, ModifiedOn = ctx.Now,
            };
            var columns = await RecordWriter.ApplyAsync(ctx, table, party, body, creating: true, ct);
            if (!columns.Contains("participationtypemask"))
                throw ServerSyncException.BadRequest("Each activity party needs participationtypemask (1 From, 2 To, 3 Cc, 4 Bcc).");
            if (party.PartyId is null && string.IsNullOrWhiteSpace(party.AddressUsed))
                throw ServerSyncException.BadRequest("Each activity party needs partyid_<table>@odata.bind or addressused.");
            ctx.Db.ActivityParties.Add(party);
        }
    }
}
