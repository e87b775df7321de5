namespace ServerSync.Domain.Email;

/// <summary>
/// The deployment settings of server-side sync (reference 1.7, ServerSideSyncEmailSettings), in seconds.
/// [gap] No source gives numeric defaults; these follow the documented behaviour: transient errors retry
/// 5 minutes apart and disable after 10 in a row; mail is looked at every few minutes while active and
/// backs off to 6 hours while idle. Pending Send mail goes out on the next cycle of its mailbox.
/// </summary>
public sealed class SyncSettings
{
    public int ActiveMailboxMinimumBackoff { get; set; } = 60;
    public int ActiveMailboxMaximumBackoff { get; set; } = 300;
    public int IdleMailboxMinimumBackoff { get; set; } = 600;
    public int IdleMailboxMaximumBackoff { get; set; } = 21600;
    public int MailboxBackoffOnTimeout { get; set; } = 300;
    public int MailboxBackoffOnTransientError { get; set; } = 300;
    public int MaxMailboxTransientFailures { get; set; } = 10;
    public int IncomingMaximumEmailsPerCycle { get; set; } = 1000;
    public int IncomingEmailRetrievalBatchSize { get; set; } = 200;

    /// <summary>How often the scheduler looks for mailboxes and jobs to start (ServerSync's own setting).</summary>
    public int SchedulerIntervalSeconds { get; set; } = 15;

    /// <summary>How long one IMAP IDLE wait lasts before the connection is renewed (RFC 2177: under 29 minutes).</summary>
    public int IdleWaitSeconds { get; set; } = 600;
}
