using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Monitoring;

/// <summary>
/// What one processing cycle did in one direction of one mailbox (Dataverse's mailboxstatistics, "data regarding
/// Mailbox processing cycles"). The engine writes a row only for a cycle that moved items or failed, so idle
/// mailboxes add nothing; rows older than the retention period are pruned.
/// </summary>
[DataContract(Name = "mailboxstatistics")]
[DataverseTable("mailboxstatistics", "mailboxstatistics", SchemaName = "MailboxStatistics", Ownership = Ownership.Organization)]
public sealed class MailboxStatistics : EnvironmentRecord
{
    [DataMember(Name = "mailboxstatisticsid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "_mailboxid_value"), ReadOnlyColumn]
    public Guid MailboxId { get; set; }

    [DataMember(Name = "operationtypeid"), ReadOnlyColumn, OptionSet(typeof(MailboxOperationType))]
    public int OperationTypeId { get; set; }

    [DataMember(Name = "itemsprocessed"), ReadOnlyColumn]
    public int ItemsProcessed { get; set; }

    [DataMember(Name = "itemsfailed"), ReadOnlyColumn]
    public int ItemsFailed { get; set; }

    /// <summary>True when the direction finished without a mail server error.</summary>
    [DataMember(Name = "processresult"), ReadOnlyColumn]
    public bool ProcessResult { get; set; }

    [DataMember(Name = "machinename"), ReadOnlyColumn, MaxLength(160)]
    public string? MachineName { get; set; }

    [DataMember(Name = "mailboxprocessstartedon"), ReadOnlyColumn]
    public DateTimeOffset MailboxProcessStartedOn { get; set; }

    [DataMember(Name = "mailboxprocesscompletedon"), ReadOnlyColumn]
    public DateTimeOffset MailboxProcessCompletedOn { get; set; }

    /// <summary>
    /// Incoming items whose server receipt time is known (IMAP INTERNALDATE, else the Date header). [gap] Dataverse has
    /// no latency columns; ServerSync keeps count, sum and maximum so averages over any time bucket stay exact.
    /// </summary>
    [DataMember(Name = "synclatencycount"), ReadOnlyColumn]
    public int SyncLatencyCount { get; set; }

    /// <summary>Sum over those items of the delay from the mail server receiving the message to its batch being stored, in milliseconds.</summary>
    [DataMember(Name = "synclatencytotalms"), ReadOnlyColumn]
    public long SyncLatencyTotalMs { get; set; }

    [DataMember(Name = "synclatencymaxms"), ReadOnlyColumn]
    public long SyncLatencyMaxMs { get; set; }
}

public enum MailboxOperationType { IncomingEmail = 0, OutgoingEmail = 1, AppointmentsContactsTasks = 2 }
