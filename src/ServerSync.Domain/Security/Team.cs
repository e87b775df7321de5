using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Security;

/// <summary>A team; its roles apply to its members, except the Delegated Mailbox Approver role (rule 21).</summary>
[DataContract(Name = "team")]
[DataverseTable("team", "teams", SchemaName = "Team", Ownership = Ownership.Organization)]
public sealed class Team : EnvironmentRecord
{
    [DataMember(Name = "teamid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "name"), Required, MaxLength(160)]
    public string Name { get; set; } = "";

    [DataMember(Name = "_businessunitid_value"), Lookup("businessunitid", typeof(BusinessUnit))]
    public Guid BusinessUnitId { get; set; }

    /// <summary>0 Owner, 1 Access.</summary>
    [DataMember(Name = "teamtype"), OptionSet(typeof(TeamType))]
    public int TeamType { get; set; }
}

public enum TeamType { Owner = 0, Access = 1 }
