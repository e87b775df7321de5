using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Email;
using ServerSync.Domain.Tenancy;
using ServerSync.Server.WebApi;

namespace ServerSync.Server.Tables;

/// <summary>Profiles: defaults filled on save, validation per server type, and what deleting one unlinks.</summary>
public sealed class EmailServerProfileTableRules : TableRules<EmailServerProfile>
{
    public override async Task OnCreatingAsync(WebApiContext ctx, EmailServerProfile row, IReadOnlySet<string> columns, CancellationToken ct)
    {
        // Exchange Online finds mailboxes itself; its form has no such switch to turn off.
        if (row.Type == ServerType.ExchangeOnline && !columns.Contains("useautodiscover")) row.UseAutoDiscover = true;
        if (row.Type == ServerType.ExchangeOnline && !columns.Contains("incomingcredentialretrieval") && !columns.Contains("outgoingcredentialretrieval"))
        {
            row.IncomingCredentialRetrieval = (int)CredentialRetrieval.ServerToServer;
            row.OutgoingCredentialRetrieval = (int)CredentialRetrieval.ServerToServer;
        }
        row.OwnerEmailAddress ??= await OwnerAddressAsync(ctx, row, ct);
        await CompleteAsync(ctx, row, ct);
    }

    public override async Task OnUpdatingAsync(WebApiContext ctx, EmailServerProfile row, EmailServerProfile before, IReadOnlySet<string> columns, CancellationToken ct)
    {
        ProfileRules.EnsureTypeUnchanged(before.ServerType, row.ServerType);
        await CompleteAsync(ctx, row, ct);
    }

    public override async Task OnDeletingAsync(WebApiContext ctx, EmailServerProfile row, CancellationToken ct)
    {
        // Cascade per the schema: deleting the profile removes the link from mailboxes and the org default.
        foreach (var mailbox in await ctx.Db.Mailboxes.Where(m => m.EmailServerProfileId == row.Id).ToListAsync(ct))
            mailbox.EmailServerProfileId = null;
        var org = await ctx.Db.Organizations.SingleAsync(o => o.EnvironmentId == ctx.Environment.Id, ct);
        if (org.DefaultEmailServerProfileId == row.Id) org.DefaultEmailServerProfileId = null;
    }

    private static async Task CompleteAsync(WebApiContext ctx, EmailServerProfile row, CancellationToken ct)
    {
        var connection = await ctx.Db.ExchangeOnlineConnections.FirstOrDefaultAsync(ct);
        ProfileRules.ApplyDefaults(row, connection?.Cloud ?? ExchangeCloud.Global);
        ProfileRules.Validate(row, connection is not null);
    }

    private static Task<string?> OwnerAddressAsync(WebApiContext ctx, EmailServerProfile row, CancellationToken ct) =>
        ctx.Db.SystemUsers.Where(u => u.Id == row.OwnerId).Select(u => u.InternalEmailAddress).FirstOrDefaultAsync(ct);
}
