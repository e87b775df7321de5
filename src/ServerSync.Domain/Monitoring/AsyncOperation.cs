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
