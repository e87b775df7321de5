using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Security;

/// <summary>A business unit; Local and Deep privilege depths are measured in them.</summary>
[DataContract(Name = "businessunit")]
[DataverseTable("businessunit", "businessunits", SchemaName = "BusinessUnit", Ownership = Ownership.Organization)]
public sealed class BusinessUnit : EnvironmentRecord
{
    [DataMember(Name = "businessunitid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "name"), Required, MaxLength(160)]
    public string Name { get; set; } = "";

    [DataMember(Name = "_parentbusinessunitid_value"), Lookup("parentbusinessunitid", typeof(BusinessUnit))]
    public Guid? ParentBusinessUnitId { get; set; }
}
