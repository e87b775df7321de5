using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Security;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Actions;

/// <summary>
/// On send, every party gets the address it is sent to (addressused) and the email gets its sender party,
/// as Dataverse does: what was sent stays on record, and replies can be matched by address (smart matching).
/// </summary>
public static class PartyAddresses
{
    public static async Task CompleteAsync(WebApiContext ctx, EmailActivity email, SystemUser owner, CancellationToken ct)
    {
        var parties = await ctx.Db.ActivityParties.Where(p => p.ActivityId == email.Id).ToListAsync(ct);
        foreach (var party in parties.Where(p => p.AddressUsed is null && p.PartyId is not null))
        {
            party.AddressUsed = party.PartyObjectTypeCode switch
            {
                "systemuser" => await ctx.Db.SystemUsers.Where(x => x.Id == party.PartyId).Select(x => x.InternalEmailAddress).FirstOrDefaultAsync(ct),
                "queue" => await ctx.Db.Queues.Where(x => x.Id == party.PartyId).Select(x => x.EmailAddress).FirstOrDefaultAsync(ct),
                "contact" => await ctx.Db.Contacts.Where(x => x.Id == party.PartyId).Select(x => x.EmailAddress1).FirstOrDefaultAsync(ct),
                "account" => await ctx.Db.Accounts.Where(x => x.Id == party.PartyId).Select(x => x.EmailAddress1).FirstOrDefaultAsync(ct),
                "lead" => await ctx.Db.Leads.Where(x => x.Id == party.PartyId).Select(x => x.EmailAddress1).FirstOrDefaultAsync(ct),
                _ => null,
            };
            party.AddressUsed = party.AddressUsed?.ToLowerInvariant();
        }
        if (!parties.Any(p => p.ParticipationTypeMask == (int)ParticipationType.Sender))
        {
            var address = await ctx.Db.Mailboxes.Where(m => m.Id == owner.DefaultMailboxId).Select(m => m.EmailAddress).FirstOrDefaultAsync(ct);
            ctx.Db.ActivityParties.Add(new ActivityParty
            {
                Id = Guid.NewGuid(), EnvironmentId = email.EnvironmentId, ActivityId = email.Id, ParticipationTypeMask = (int)ParticipationType.Sender,
                PartyId = owner.Id, PartyObjectTypeCode = "systemuser", AddressUsed = address?.ToLowerInvariant(),
                OwnerId = email.OwnerId, OwnerIdType = email.OwnerIdType, OwningBusinessUnitId = email.OwningBusinessUnitId,
                CreatedOn = ctx.Now, ModifiedOn = ctx.Now,
            });
        }
    }
}
