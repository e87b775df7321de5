using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Email;
using ServerSync.Domain.Errors;
using ServerSync.Domain.Security;
using ServerSync.Domain.Tenancy;
using ServerSync.Storage;

namespace ServerSync.Server.Provisioning;

/// <summary>
/// Creates an environment with everything it starts with: organization row with documented defaults,
/// root business unit, privilege catalog, standard roles, the creator as System Administrator, and the
/// "Microsoft Exchange Online" profile when the tenant is connected to Exchange Online (rule 8).
/// </summary>
public sealed class EnvironmentProvisioner(ServerSyncDbContext db, MailboxProvisioner mailboxes, TimeProvider clock)
{
    public const string ExchangeOnlineProfileName = "Microsoft Exchange Online";

    public async Task<CrmEnvironment> CreateAsync(string name, string displayName, DeploymentModel model, DirectoryUser creator, CancellationToken ct)
    {
        if (!EnvironmentNames.IsValid(name))
            throw ServerSyncException.BadRequest("An environment name is 2 to 64 lower-case letters, digits or hyphens, starting with a letter.");
        if (await db.Environments.AnyAsync(e => e.Name == name, ct))
            throw new ServerSyncException(ErrorKind.Conflict, ErrorCodes.DuplicateRecord, $"An environment named '{name}' already exists.");

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var env = new CrmEnvironment { Id = Guid.NewGuid(), Name = name, DisplayName = displayName, DeploymentModel = model, CreatedBy = creator.Id, CreatedOn = now };
        db.Environments.Add(env);
        var root = new BusinessUnit { Id = Guid.NewGuid(), EnvironmentId = env.Id, Name = displayName, CreatedOn = now, ModifiedOn = now };
        db.BusinessUnits.Add(root);
        var org = new Organization { Id = Guid.NewGuid(), EnvironmentId = env.Id, Name = displayName, CreatedOn = now, ModifiedOn = now };
        db.Organizations.Add(org);

        var privileges = PrivilegeRows(env.Id, PrivilegeCatalog.For(ServerSyncDbContext.DataverseTables), now);
        db.Privileges.AddRange(privileges);

        var systemAdministrator = AddRole(env.Id, root.Id, StandardRoles.SystemAdministratorName, StandardRoles.SystemAdministrator, now);
        foreach (var p in privileges) Grant(env.Id, systemAdministrator, p, PrivilegeDepth.Global);
        AddRole(env.Id, root.Id, StandardRoles.DelegatedMailboxApproverName, StandardRoles.DelegatedMailboxApprover, now);
        var basicUser = AddRole(env.Id, root.Id, StandardRoles.BasicUserName, StandardRoles.BasicUser, now);
        foreach (var (privilege, depth) in BasicUserGrants)
            Grant(env.Id, basicUser, privileges.Single(p => p.Name == privilege), depth);

        var connection = await db.ExchangeOnlineConnections.FirstOrDefaultAsync(ct);
        var user = new SystemUser
        {
            Id = Guid.NewGuid(), EnvironmentId = env.Id, DomainName = creator.UserPrincipalName, FullName = creator.DisplayName,
            InternalEmailAddress = creator.UserPrincipalName, BusinessUnitId = root.Id, DirectoryUserId = creator.Id, TrackingNumber = 1, CreatedOn = now, ModifiedOn = now,
        };
        db.SystemUsers.Add(user);
        db.UserSettings.Add(UserSettings.For(user, now));
        db.SystemUserRoles.Add(new SystemUserRole { EnvironmentId = env.Id, SystemUserId = user.Id, RoleId = systemAdministrator.Id });
        await db.SaveChangesAsync(ct);

        if (connection is not null) await AddExchangeOnlineProfileAsync(env, connection, user, root.Id, ct);
        var mailbox = await mailboxes.CreateForAsync(env.Id, user.Id, "systemuser", user.FullName, user.InternalEmailAddress, user.Id, "systemuser", root.Id, now, ct);
        user.DefaultMailboxId = mailbox.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return env;
    }

    /// <summary>Gives every environment without it the Exchange Online profile, once (the connection was added later).</summary>
    public async Task AddExchangeOnlineProfileToAllAsync(ExchangeOnlineConnection connection, CancellationToken ct)
    {
        foreach (var env in await db.Environments.ToListAsync(ct))
        {
            if (await db.EmailServerProfiles.AnyAsync(p => p.EnvironmentId == env.Id && p.CreatedFromTenantConnection, ct)) continue;
            var owner = await db.SystemUsers.Where(u => u.EnvironmentId == env.Id && u.DirectoryUserId == env.CreatedBy).FirstOrDefaultAsync(ct)
                ?? await db.SystemUsers.Where(u => u.EnvironmentId == env.Id).OrderBy(u => u.CreatedOn).FirstAsync(ct);
            await AddExchangeOnlineProfileAsync(env, connection, owner, owner.BusinessUnitId, ct);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The profile of rule 8, made the default when the org has none (rule 9).</summary>
    private async Task AddExchangeOnlineProfileAsync(CrmEnvironment env, ExchangeOnlineConnection connection, SystemUser owner, Guid unit, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var profile = new EmailServerProfile
        {
            Id = Guid.NewGuid(), EnvironmentId = env.Id, Name = ExchangeOnlineProfileName,
            ServerType = (int)ServerType.ExchangeOnline,
            IncomingCredentialRetrieval = (int)CredentialRetrieval.ServerToServer,
            OutgoingCredentialRetrieval = (int)CredentialRetrieval.ServerToServer,
            UseAutoDiscover = true,
            OwnerId = owner.Id, OwnerIdType = "systemuser", OwningBusinessUnitId = unit,
            OwnerEmailAddress = owner.InternalEmailAddress,
            CreatedFromTenantConnection = true, CreatedOn = now, ModifiedOn = now,
        };
        ProfileRules.ApplyDefaults(profile, connection.Cloud);
        db.EmailServerProfiles.Add(profile);
        var org = db.Organizations.Local.FirstOrDefault(o => o.EnvironmentId == env.Id)
            ?? await db.Organizations.SingleAsync(o => o.EnvironmentId == env.Id, ct);
        org.DefaultEmailServerProfileId ??= profile.Id;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Privilege rows of an environment for catalog entries; organization-owned tables allow Global depth only.</summary>
    public static List<Privilege> PrivilegeRows(Guid envId, IEnumerable<PrivilegeCatalog.Entry> entries, DateTimeOffset now) => entries.Select(p => new Privilege
    {
        Id = PrivilegeCatalog.IdFor(envId, p.Name),
        EnvironmentId = envId,
        Name = p.Name,
        AccessRight = (int)(p.Right ?? 0),
        CanBeBasic = p.Ownership == Domain.Metadata.Ownership.User,
        CanBeLocal = p.Ownership == Domain.Metadata.Ownership.User,
        CanBeDeep = p.Ownership == Domain.Metadata.Ownership.User,
        CanBeGlobal = true,
        CreatedOn = now,
        ModifiedOn = now,
    }).ToList();

    /// <summary>
    /// What a plain user needs to see the org, manage their own mailbox, settings and email: linking an email to the
    /// customers, users and queues they can read (AppendTo) and attachments and parties to their own email (Basic).
    /// </summary>
    public static readonly (string Privilege, PrivilegeDepth Depth)[] BasicUserGrants =
    [
        ("prvReadMailbox", PrivilegeDepth.Basic), ("prvWriteMailbox", PrivilegeDepth.Basic),
        ("prvReadOrganization", PrivilegeDepth.Global), ("prvReadUser", PrivilegeDepth.Global),
        ("prvReadBusinessUnit", PrivilegeDepth.Global), ("prvReadEmailServerProfile", PrivilegeDepth.Global),
        ("prvReadQueue", PrivilegeDepth.Local), ("prvReadTeam", PrivilegeDepth.Global),
        ("prvReadAsyncOperation", PrivilegeDepth.Basic), ("prvReadTraceLog", PrivilegeDepth.Global),
        ("prvCreateActivity", PrivilegeDepth.Basic), ("prvReadActivity", PrivilegeDepth.Basic), ("prvWriteActivity", PrivilegeDepth.Basic),
        ("prvAppendActivity", PrivilegeDepth.Basic), ("prvReadContact", PrivilegeDepth.Global), ("prvReadAccount", PrivilegeDepth.Global),
        ("prvReadLead", PrivilegeDepth.Global), ("prvReadQueueItem", PrivilegeDepth.Global),
        ("prvAppendToActivity", PrivilegeDepth.Basic), ("prvAppendToContact", PrivilegeDepth.Global), ("prvAppendToAccount", PrivilegeDepth.Global),
        ("prvAppendToLead", PrivilegeDepth.Global), ("prvAppendToUser", PrivilegeDepth.Global), ("prvAppendToQueue", PrivilegeDepth.Local),
        ("prvReadUserSettings", PrivilegeDepth.Basic), ("prvWriteUserSettings", PrivilegeDepth.Basic),
    ];

    private Role AddRole(Guid envId, Guid unit, string name, Guid template, DateTimeOffset now)
    {
        var role = new Role { Id = Guid.NewGuid(), EnvironmentId = envId, Name = name, BusinessUnitId = unit, RoleTemplateId = template, IsManaged = true, CreatedOn = now, ModifiedOn = now };
        db.Roles.Add(role);
        return role;
    }

    private void Grant(Guid envId, Role role, Privilege privilege, PrivilegeDepth depth) =>
        db.RolePrivileges.Add(new RolePrivilege { EnvironmentId = envId, RoleId = role.Id, PrivilegeId = privilege.Id, Depth = depth });
}
