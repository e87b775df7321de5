using ServerSync.Domain.Activities;
using ServerSync.Domain.Email;
using ServerSync.Domain.Monitoring;
using ServerSync.Storage;

namespace ServerSync.Engine.Alerts;

/// <summary>
/// Writes alerts (tracelog rows) on the wall of a mailbox and of its profile, as far as the org's
/// generatealertsfor… switches allow (reference 2.9). Profile-level alerts also reach the mailbox owner
/// when notifymailboxownerofemailserverlevelalerts is on. Texts quote mail servers, so they are made storable first.
/// </summary>
public sealed class AlertWriter(ServerSyncDbContext db, TimeProvider clock, EngineOptions options)
{
    public void OnMailbox(Organization org, Mailbox mailbox, TraceLevel level, string text, int? code = null, string? details = null)
    {
        if (!Enabled(org, level)) return;
        Add(mailbox.EnvironmentId, mailbox.Id, "mailbox", level, text, code, details);
    }

    /// <summary>An alert about the profile (its owner's wall), copied to the mailbox when the org says so.</summary>
    public void OnProfile(Organization org, EmailServerProfile profile, Mailbox? mailbox, TraceLevel level, string text, int? code = null)
    {
        if (!Enabled(org, level)) return;
        Add(profile.EnvironmentId, profile.Id, "emailserverprofile", level, text, code, null);
        if (mailbox is not null && org.NotifyMailboxOwnerOfEmailServerLevelAlerts)
            Add(mailbox.EnvironmentId, mailbox.Id, "mailbox", level, text, code, null);
    }

    private static bool Enabled(Organization org, TraceLevel level) => level switch
    {
        TraceLevel.Error => org.GenerateAlertsForErrors,
        TraceLevel.Warning => org.GenerateAlertsForWarnings,
        _ => org.GenerateAlertsForInformation,
    };

    private void Add(Guid environmentId, Guid regardingId, string regardingType, TraceLevel level, string text, int? code, string? details)
    {
        var now = clock.GetUtcNow();
        db.TraceLogs.Add(new TraceLog
        {
            Id = Guid.NewGuid(), EnvironmentId = environmentId, Level = (int)level,
            Text = StoredText.Cut(text, 2000)!, TraceCode = code, ErrorDetails = StoredText.Clean(details),
            TraceStatus = level != TraceLevel.Error, RegardingObjectId = regardingId, RegardingObjectTypeCode = regardingType,
            MachineName = options.HostId, CreatedOn = now, ModifiedOn = now,
        });
    }
}
