using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Security;

/// <summary>A privilege (prvReadMailbox, prvApproveRejectEmailAddress, …); the catalog is fixed per environment.</summary>
[DataContract(Name = "privilege")]
[DataverseTable("privilege", "privileges", SchemaName = "Privilege", Ownership = Ownership.Organization)]
public sealed class Privilege : EnvironmentRecord
{
    [DataMember(Name = "privilegeid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "name"), ReadOnlyColumn, MaxLength(100)]
    public string Name { get; set; } = "";

    [DataMember(Name = "accessright"), ReadOnlyColumn]
    public int AccessRight { get; set; }

    [DataMember(Name = "canbebasic"), ReadOnlyColumn]
    public bool CanBeBasic { get; set; }

    [DataMember(Name = "canbelocal"), ReadOnlyColumn]
    public bool CanBeLocal { get; set; }

    [DataMember(Name = "canbedeep"), ReadOnlyColumn]
    public bool CanBeDeep { get; set; }

    [DataMember(Name = "canbeglobal"), ReadOnlyColumn]
    public bool CanBeGlobal { get; set; }
}
