namespace ServerSync.Engine;

/// <summary>
/// Engine switches of section <c>ServerSync</c>. The deployment settings of reference 1.7
/// (ActiveMailboxMinimumBackoff, MaxMailboxTransientFailures, …) bind from the same section into
/// <see cref="Domain.Email.SyncSettings"/>.
/// </summary>
public sealed class EngineOptions
{
    /// <summary>Run mailbox cycles and background jobs in this process (off for an API-only node).</summary>
    public bool EngineEnabled { get; set; } = true;

    /// <summary>Name written to hostid and to alerts (machinename); the server defaults it to machine name and silo port.</summary>
    public string HostId { get; set; } = Environment.MachineName;

    /// <summary>Days of mailboxstatistics history kept for the monitoring dashboard; older rows are pruned hourly.</summary>
    public int MailboxStatisticsRetentionDays { get; set; } = 30;
}
