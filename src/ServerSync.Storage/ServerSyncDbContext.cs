using System.Reflection;
using System.Runtime.Serialization;
using Microsoft.EntityFrameworkCore;
using ServerSync.Domain.Activities;
using ServerSync.Domain.Customers;
using ServerSync.Domain.Email;
using ServerSync.Domain.Metadata;
using ServerSync.Domain.Monitoring;
using ServerSync.Domain.Security;
using ServerSync.Domain.Tenancy;

namespace ServerSync.Storage;

/// <summary>
/// The whole store. Tables and columns carry the Dataverse logical names, so what an admin sees in the
/// API is what is in the database. Each provider has a subclass only so that each keeps its own migrations.
/// </summary>
public abstract class ServerSyncDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The Dataverse-shaped tables, in the order the API lists them.</summary>
    public static readonly Type[] DataverseTables =
    [
        typeof(EmailServerProfile), typeof(Mailbox), typeof(Organization), typeof(SystemUser), typeof(UserSettings), typeof(Queue),
        typeof(Team), typeof(Role), typeof(Privilege), typeof(BusinessUnit), typeof(TraceLog), typeof(AsyncOperation),
        typeof(MailboxStatistics),
        typeof(EmailActivity), typeof(ActivityParty), typeof(ActivityMimeAttachment), typeof(QueueItem),
        typeof(Contact), typeof(Account), typeof(Lead),
    ];

    public DbSet<DirectoryUser> DirectoryUsers => Set<DirectoryUser>();
    public DbSet<CrmEnvironment> Environments => Set<CrmEnvironment>();
    public DbSet<ExchangeOnlineConnection> ExchangeOnlineConnections => Set<ExchangeOnlineConnection>();
    public DbSet<ApplicationRegistration> Applications => Set<ApplicationRegistration>();
    public DbSet<SignInLockout> SignInLockouts => Set<SignInLockout>();

    public DbSet<EmailServerProfile> EmailServerProfiles => Set<EmailServerProfile>();
    public DbSet<Mailbox> Mailboxes => Set<Mailbox>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<SystemUser> SystemUsers => Set<SystemUser>();
    public DbSet<UserSettings> UserSettings => Set<UserSettings>();
    public DbSet<Queue> Queues => Set<Queue>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<Privilege> Privileges => Set<Privilege>();
    public DbSet<BusinessUnit> BusinessUnits => Set<BusinessUnit>();
    public DbSet<TraceLog> TraceLogs => Set<TraceLog>();
    public DbSet<AsyncOperation> AsyncOperations => Set<AsyncOperation>();
    public DbSet<MailboxStatistics> MailboxStatistics => Set<MailboxStatistics>();
    public DbSet<EmailActivity> Emails => Set<EmailActivity>();
    public DbSet<ActivityParty> ActivityParties => Set<ActivityParty>();
    public DbSet<ActivityMimeAttachment> Attachments => Set<ActivityMimeAttachment>();
    public DbSet<QueueItem> QueueItems => Set<QueueItem>();
    public DbSet<EmailHash> EmailHashes => Set<EmailHash>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<RolePrivilege> RolePrivileges => Set<RolePrivilege>();
    public DbSet<SystemUserRole> SystemUserRoles => Set<SystemUserRole>();
    public DbSet<TeamRole> TeamRoles => Set<TeamRole>();
    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<DirectoryUser>(e =>
        {
            e.ToTable("directoryuser");
            e.HasIndex(u => u.UserPrincipalName).IsUnique();
            e.Property(u => u.UserPrincipalName).HasMaxLength(256);
            e.Property(u => u.SecurityStamp).HasMaxLength(64);
        });
        model.Entity<SignInLockout>(e =>
        {
            e.ToTable("signinlockout");
            e.HasKey(l => l.UserName);
            e.Property(l => l.UserName).HasMaxLength(256);
        });
        model.Entity<CrmEnvironment>(e =>
        {
            e.ToTable("environment");
            e.HasIndex(x => x.Name).IsUnique();
            e.Property(x => x.Name).HasMaxLength(64);
        });
        model.Entity<ExchangeOnlineConnection>().ToTable("exchangeonlineconnection");
        model.Entity<ApplicationRegistration>(e =>
        {
            e.ToTable("application");
            e.HasKey(a => a.ClientId);
        });

        foreach (var table in DataverseTables) MapDataverseTable(model, table);
        model.Entity<SystemUser>().HasIndex(u => new { u.EnvironmentId, u.DirectoryUserId });
        model.Entity<SystemUser>().HasIndex(u => new { u.EnvironmentId, u.ApplicationId });
        model.Entity<Mailbox>().HasIndex(m => new { m.EnvironmentId, m.RegardingObjectId });
        model.Entity<Organization>().HasIndex(o => o.EnvironmentId).IsUnique();
        // One activity per message per environment, whichever mailboxes received it (reference 2.5.6).
        // The incoming pipeline's lookups (duplicates, correlation) go by key alone, on indexes that start with the key:
        // PostgreSQL judges a condition on the environment by statistics that know nothing of a new environment until
        // the next ANALYZE, takes any index on the environment as the better one, and reads all of its mail per batch.
        model.Entity<EmailActivity>().HasIndex(e => new { e.MessageIdDupCheck, e.EnvironmentId }).IsUnique();
        model.Entity<EmailActivity>().HasIndex(e => new { e.TrackingToken, e.EnvironmentId });
        model.Entity<EmailActivity>().HasIndex(e => new { e.ConversationIndex, e.EnvironmentId });
        model.Entity<EmailActivity>().HasIndex(e => new { e.EnvironmentId, e.StatusCode });
        // Without these, SQLite answers by reading every email row, bodies (overflow pages) included:
        // a mailbox's mail (admin center, monitoring), and the scheduler's look for Pending Send mail in all environments.
        model.Entity<EmailActivity>().HasIndex(e => new { e.EnvironmentId, e.ReceivingMailboxId });
        model.Entity<EmailActivity>().HasIndex(e => e.StatusCode);
        model.Entity<ActivityParty>().HasIndex(p => p.ActivityId);
        model.Entity<ActivityParty>().HasIndex(p => new { p.AddressUsed, p.EnvironmentId });
        model.Entity<ActivityMimeAttachment>().HasIndex(a => a.ObjectId);
        // The API's base64 body is computed from the stored bytes.
        model.Entity<ActivityMimeAttachment>().Ignore(a => a.Body).Property(a => a.Content).HasColumnName("body");
        model.Entity<QueueItem>().HasIndex(q => new { q.QueueId, q.ObjectId }).IsUnique();
        // Mail that is already an activity gets only the queue items it lacks: its items are looked up by the email.
        model.Entity<QueueItem>().HasIndex(q => q.ObjectId);
        model.Entity<EmailHash>(e =>
        {
            e.ToTable("emailhash");
            e.HasKey(h => h.ActivityId);
            e.Property(h => h.ActivityId).HasColumnName("activityid");
            e.Property(h => h.EnvironmentId).HasColumnName("environmentid");
            e.Property(h => h.SubjectHash).HasColumnName("subjecthash");
            e.Property(h => h.CreatedOn).HasColumnName("createdon");
            e.HasOne<EmailActivity>().WithOne().HasForeignKey<EmailHash>(h => h.ActivityId).OnDelete(DeleteBehavior.Cascade);
            // Smart matching searches by hash alone within 90 days, key first like the pipeline's other lookups.
            e.HasIndex(h => new { h.SubjectHash, h.CreatedOn });
        });
        // The dashboard reads a time window per environment; retention deletes by completion time.
        model.Entity<MailboxStatistics>().HasIndex(s => new { s.EnvironmentId, s.MailboxProcessCompletedOn });
        model.Entity<MailboxStatistics>().HasIndex(s => s.MailboxProcessCompletedOn);
        // Address lookups use the expression indexes of AddressIndexes, created by the migrations.

        model.Entity<RolePrivilege>(e => { e.ToTable("roleprivileges"); e.HasKey(x => new { x.RoleId, x.PrivilegeId }); });
        model.Entity<SystemUserRole>(e => { e.ToTable("systemuserroles"); e.HasKey(x => new { x.SystemUserId, x.RoleId }); });
        model.Entity<TeamRole>(e => { e.ToTable("teamroles"); e.HasKey(x => new { x.TeamId, x.RoleId }); });
        model.Entity<TeamMembership>(e => { e.ToTable("teammembership"); e.HasKey(x => new { x.TeamId, x.SystemUserId }); });
    }

    /// <summary>Maps a Dataverse table: logical names for table and columns, the row version as concurrency token.</summary>
    private static void MapDataverseTable(ModelBuilder model, Type clrType)
    {
        var meta = clrType.GetCustomAttribute<DataverseTableAttribute>()!;
        var entity = model.Entity(clrType);
        entity.ToTable(meta.LogicalName);
        entity.HasKey(nameof(EnvironmentRecord.Id));
        entity.HasIndex(nameof(EnvironmentRecord.EnvironmentId));
        entity.Property(nameof(EnvironmentRecord.VersionNumber)).IsConcurrencyToken();
        foreach (var property in clrType.GetProperties())
        {
            // Computed columns exist only in the API; what they are computed from is mapped instead.
            if (property.GetSetMethod() is null || property.GetCustomAttribute<ComputedColumnAttribute>() is not null) continue;
            var name = property.GetCustomAttribute<DataMemberAttribute>()?.Name ?? property.Name.ToLowerInvariant();
            // Lookup columns are exposed as _x_value but stored as x, as Dataverse does.
            if (name.StartsWith('_') && name.EndsWith("_value")) name = name[1..^"_value".Length];
            entity.Property(property.Name).HasColumnName(name);
        }
    }
}
