using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Security;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Actions;

/// <summary>
/// <c>emails(id)/Microsoft.Dynamics.CRM.SendEmail</c>: with IssueSend true the email goes to Pending Send
/// for the sync engine; with false it is only marked Sent (Dataverse semantics). It gets its stable
/// Message-ID and tracking token here, so every delivery attempt sends the same message.
/// </summary>
public static class SendEmailAction
{
    public static async Task<IResult> SendAsync(WebApiContext ctx, Guid emailId, JsonObject body, CancellationToken ct)
    {
        var table = ctx.Catalog.Get(typeof(EmailActivity));
        var depth = TableAccess.Require(ctx.Caller, AccessRight.Write, table);
        var email = await ctx.Db.Emails.FirstOrDefaultAsync(e => e.EnvironmentId == ctx.Environment.Id && e.Id == emailId, ct)
            ?? throw ServerSyncException.NotFound($"email With Id = {emailId} Does Not Exist");
        TableAccess.EnsureReaches(ctx.Caller, depth, email, AccessRight.Write, table);
        if (body["IssueSend"] is not { } issueNode || issueNode.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
            throw ServerSyncException.BadRequest("IssueSend (true or false) is required.");
        if (email.StatusCode is not ((int)EmailStatus.Draft or (int)EmailStatus.Failed))
            throw ServerSyncException.BadRequest($"The email is {(EmailStatus)email.StatusCode}; only a draft or failed email can be sent.");
        var recipients = await ctx.Db.ActivityParties.CountAsync(p => p.ActivityId == email.Id && p.ParticipationTypeMask >= (int)ParticipationType.ToRecipient && p.ParticipationTypeMask <= (int)ParticipationType.BccRecipient, ct);
        if (recipients == 0) throw ServerSyncException.BadRequest("The email has no recipient; add To, Cc or Bcc parties first.");

        var org = await ctx.Db.Organizations.SingleAsync(o => o.EnvironmentId == ctx.Environment.Id, ct);
        var owner = await ctx.Db.SystemUsers.FirstOrDefaultAsync(u => u.Id == email.OwnerId, ct)
            ?? throw ServerSyncException.BadRequest("Only emails owned by a user can be sent; the user's mailbox sends them.");
        email.SenderMailboxId = owner.DefaultMailboxId;
        await PartyAddresses.CompleteAsync(ctx, email, owner, ct);
        email.DirectionCode = true;
        if (email.MessageId is null)
        {
            email.MessageId = $"<{email.Id:N}@serversync>";
            email.MessageIdDupCheck = MessageIdentity.DupCheck(email.MessageId);
        }
        if (org.EmailCorrelationEnabled && email.TrackingToken is null)
            email.TrackingToken = TrackingToken.Next(org, owner.TrackingNumber);
        var issueSend = issueNode.GetValue<bool>();
        email.StateCode = (int)EmailState.Completed;
        email.StatusCode = issueSend ? (int)EmailStatus.PendingSend : (int)EmailStatus.Sent;
        if (!issueSend) email.SentOn = ctx.Now;
        email.PostponeSendingUntil = null;
        email.VersionNumber++;
        email.ModifiedOn = ctx.Now;
        await ctx.Db.SaveChangesAsync(ct);
        return Results.Json(new { Subject = email.Subject });
    }
}
