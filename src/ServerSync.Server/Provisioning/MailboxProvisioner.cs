using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Email;
using ServerSync.Storage;

namespace ServerSync.Server.Provisioning;

/// <summary>Rules 10–11: every new user and queue gets exactly one mailbox with the org's default email settings.</summary>
public sealed class MailboxProvisioner(ServerSyncDbContext db)
{
    public async Task<Mailbox> CreateForAsync(Guid environmentId, Guid regardingId, string regardingType, string name, string? emailAddress,
        Guid ownerId, string ownerType, Guid businessUnitId, DateTimeOffset now, CancellationToken ct)
    {
        var org = await db.Organizations.SingleAsync(o => o.EnvironmentId == environmentId, ct);
        var mailbox = new Mailbox
        {
            Id = Guid.NewGuid(),
            EnvironmentId = environmentId,
            Name = name,
            EmailAddress = emailAddress,
            RegardingObjectId = regardingId,
            RegardingObjectTypeCode = regardingType,
            OwnerId = ownerId,
            OwnerIdType = ownerType,
            OwningBusinessUnitId = businessUnitId,
            CreatedOn = now,
            ModifiedOn = now,
        };
        await ApplyOrgDefaultsAsync(mailbox, org, ct);
        db.Mailboxes.Add(mailbox);
        return mailbox;
    }

    /// <summary>"Apply default email settings" (rule 14) and the defaults of a new mailbox (rule 10).</summary>
    public async Task ApplyOrgDefaultsAsync(Mailbox mailbox, Organization org, CancellationToken ct)
    {
        var profile = org.DefaultEmailServerProfileId is { } id
            ? await db.EmailServerProfiles.FirstOrDefaultAsync(p => p.Id == id && p.StateCode == (int)ActiveState.Active, ct)
            : null;
        MailboxRules.ApplyDefaults(mailbox, DefaultEmailSettings.Parse(org.DefaultEmailSettings), profile);
    }
}
