using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Monitoring;

/// <summary>A background job, such as Test &amp; Enable over a set of mailboxes, that the sync engine runs.</summary>
[DataContract(Name = "asyncoperation")]
[DataverseTable("asyncoperation", "asyncoperations", SchemaName = "AsyncOperation")]
public sealed class AsyncOperation : OwnedRecord
{
    [DataMember(Name = "asyncoperationid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "name"), ReadOnlyColumn, MaxLength(256)]
    public string Name { get; set; } = "";

    [DataMember(Name = "operationtype"), ReadOnlyColumn]
    public int OperationType { get; set; }

    [DataMember(Name = "statecode"), ReadOnlyColumn]
    public int StateCode { get; set; } = (int)AsyncOperationState.Ready;

    [DataMember(Name = "statuscode"), ReadOnlyColumn]
    public int StatusCode { get; set; } = (int)AsyncOperationStatus.WaitingForResources;

    [DataMember(Name = "_regardingobjectid_value"), ReadOnlyColumn]
    public Guid? RegardingObjectId { get; set; }

    [DataMember(Name = "regardingobjecttypecode"), ReadOnlyColumn]
    public string? RegardingObjectTypeCode { get; set; }

    /// <summary>The job's input: for Test &amp; Enable, the mailbox ids, comma-separated.</summary>
    [DataMember(Name = "data"), ReadOnlyColumn]
    public string? Data { get; set; }

    [DataMember(Name = "message"), ReadOnlyColumn]
    public string? Message { get; set; }

    [DataMember(Name = "friendlymessage"), ReadOnlyColumn]
    public string? FriendlyMessage { get; set; }

    /// <summary>Progress of a job over several items, 0–100. [gap] Dataverse has no such column; ServerSync adds it.</summary>
    [DataMember(Name = "percentcomplete"), ReadOnlyColumn]
    public int PercentComplete { get; set; }

    /// <summary>Mailboxes of the job tested so far, in the order of data: a resumed job goes on from the next one. [gap] ServerSync adds it.</summary>
    [DataMember(Name = "itemsprocessed"), ReadOnlyColumn]
    public int ItemsProcessed { get; set; }

    /// <summary>Of those, the mailboxes whose test failed. [gap] ServerSync adds it.</summary>
    [DataMember(Name = "itemsfailed"), ReadOnlyColumn]
    public int ItemsFailed { get; set; }

    /// <summary>The node running the job (its ServerSync:HostId) while it is Locked.</summary>
    [DataMember(Name = "hostid"), ReadOnlyColumn, MaxLength(100)]
    public string? HostId { get; set; }

    /// <summary>
    /// Until when <see cref="HostId"/> holds the job; the runner renews it while it runs, and any node's scheduler
    /// resumes a Locked job whose lease has run out (its node stopped). [gap] Dataverse has no such column.
    /// </summary>
    [DataMember(Name = "leaseexpireson"), ReadOnlyColumn]
    public DateTimeOffset? LeaseExpiresOn { get; set; }

    /// <summary>How often the job was resumed after its node stopped while running it.</summary>
    [DataMember(Name = "retrycount"), ReadOnlyColumn]
    public int RetryCount { get; set; }

    [DataMember(Name = "startedon"), ReadOnlyColumn]
    public DateTimeOffset? StartedOn { get; set; }

    [DataMember(Name = "completedon"), ReadOnlyColumn]
    public DateTimeOffset? CompletedOn { get; set; }
}

public enum AsyncOperationState { Ready = 0, Suspended = 1, Locked = 2, Completed = 3 }

public enum AsyncOperationStatus
{
    WaitingForResources = 0, Waiting = 10, InProgress = 20, Pausing = 21, Canceling = 22,
    Succeeded = 30, Failed = 31, Canceled = 32,
}

/// <summary>
/// [gap] Dataverse does not publish an operation type for Test &amp; Enable; ServerSync uses its own
/// value range starting at 100000 so it can't collide with documented types.
/// </summary>
public enum AsyncOperationType { TestAndEnableMailboxes = 100001 }
