using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Monitoring;

/// <summary>An alert on the wall of a mailbox or an email server profile.</summary>
[DataContract(Name = "tracelog")]
[DataverseTable("tracelog", "tracelogs", SchemaName = "TraceLog", Ownership = Ownership.Organization)]
public sealed class TraceLog : EnvironmentRecord
{
    [DataMember(Name = "tracelogid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "level"), ReadOnlyColumn]
    public int Level { get; set; }

    [DataMember(Name = "text"), ReadOnlyColumn, MaxLength(2000)]
    public string Text { get; set; } = "";

    [DataMember(Name = "tracecode"), ReadOnlyColumn]
    public int? TraceCode { get; set; }

    [DataMember(Name = "errordetails"), ReadOnlyColumn]
    public string? ErrorDetails { get; set; }

    [DataMember(Name = "tracestatus"), ReadOnlyColumn]
    public bool TraceStatus { get; set; }

    [DataMember(Name = "_regardingobjectid_value"), ReadOnlyColumn]
    public Guid? RegardingObjectId { get; set; }

    /// <summary>mailbox or emailserverprofile.</summary>
    [DataMember(Name = "regardingobjecttypecode"), ReadOnlyColumn]
    public string? RegardingObjectTypeCode { get; set; }

    [DataMember(Name = "machinename"), ReadOnlyColumn, MaxLength(100)]
    public string? MachineName { get; set; }
}

public enum TraceLevel { Information = 1, Warning = 2, Error = 3 }
