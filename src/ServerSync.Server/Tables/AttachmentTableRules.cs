using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Errors;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Tables;

/// <summary>Attachments of draft emails: within maxuploadfilesize, not of a blocked type (an invalid base64 body is refused when it is read).</summary>
public sealed class AttachmentTableRules : TableRules<ActivityMimeAttachment>
{
    public override async Task OnCreatingAsync(WebApiContext ctx, ActivityMimeAttachment row, IReadOnlySet<string> columns, CancellationToken ct)
    {
        var email = await ctx.Db.Emails.FirstOrDefaultAsync(e => e.EnvironmentId == ctx.Environment.Id && e.Id == row.ObjectId, ct)
            ?? throw ServerSyncException.BadRequest("An attachment needs its email: set objectid_email@odata.bind to /emails(<id>).");
        if (email.StatusCode != (int)EmailStatus.Draft)
            throw ServerSyncException.BadRequest("Attachments can be added only to draft emails.");
        await ValidateAsync(ctx, row, ct);
        row.OwnerId = email.OwnerId;
        row.OwnerIdType = email.OwnerIdType;
        row.OwningBusinessUnitId = email.OwningBusinessUnitId;
        email.AttachmentCount++;
    }

    public override async Task OnUpdatingAsync(WebApiContext ctx, ActivityMimeAttachment row, ActivityMimeAttachment before, IReadOnlySet<string> columns, CancellationToken ct)
    {
        if (row.ObjectId != before.ObjectId) throw ServerSyncException.BadRequest("An attachment can't be moved to another email.");
        await ValidateAsync(ctx, row, ct);
    }

    private static async Task ValidateAsync(WebApiContext ctx, ActivityMimeAttachment row, CancellationToken ct)
    {
        var content = row.Content;
        row.FileSize = content.Length;
        var org = await ctx.Db.Organizations.SingleAsync(o => o.EnvironmentId == ctx.Environment.Id, ct);
        var policy = new AttachmentPolicy(org);
        if (policy.IsBlocked(row.FileName))
            throw ServerSyncException.BadRequest($"Attachments of type .{Path.GetExtension(row.FileName).TrimStart('.')} are blocked by the organization's blockedattachments.");
        if (policy.IsTooLarge(content.Length))
            throw ServerSyncException.BadRequest($"The attachment is larger than the organization's maximum of {org.MaxUploadFileSize} KB.");
    }
}
