using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Activities;

/// <summary>An email waiting in a queue (created for queues that receive it, reference 2.5.7).</summary>
[DataContract(Name = "queueitem")]
[DataverseTable("queueitem", "queueitems", SchemaName = "QueueItem", Ownership = Ownership.Organization)]
public sealed class QueueItem : EnvironmentRecord
{
    [DataMember(Name = "queueitemid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "_queueid_value"), ReadOnlyColumn]
    public Guid QueueId { get; set; }

    [DataMember(Name = "_objectid_value"), ReadOnlyColumn]
    public Guid ObjectId { get; set; }

    [DataMember(Name = "objecttypecode"), ReadOnlyColumn]
    public string ObjectTypeCode { get; set; } = "email";

    [DataMember(Name = "title"), ReadOnlyColumn, MaxLength(300)]
    public string? Title { get; set; }

    [DataMember(Name = "enteredon"), ReadOnlyColumn]
    public DateTimeOffset EnteredOn { get; set; }

    [DataMember(Name = "statecode"), ReadOnlyColumn]
    public int StateCode { get; set; }
}
