using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Security;

/// <summary>A security role: a set of privileges with depths.</summary>
[DataContract(Name = "role")]
[DataverseTable("role", "roles", SchemaName = "Role", Ownership = Ownership.Organization)]
public sealed class Role : EnvironmentRecord
{
    [DataMember(Name = "roleid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "name"), Required, MaxLength(100)]
    public string Name { get; set; } = "";

    [DataMember(Name = "_businessunitid_value"), Lookup("businessunitid", typeof(BusinessUnit))]
    public Guid BusinessUnitId { get; set; }

    /// <summary>Identifies the standard roles (System Administrator, Delegated Mailbox Approver, …) whatever their display name.</summary>
    [DataMember(Name = "roletemplateid"), ReadOnlyColumn]
    public Guid? RoleTemplateId { get; set; }

    [DataMember(Name = "ismanaged"), ReadOnlyColumn]
    public bool IsManaged { get; set; }
}
