using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Customers;

/// <summary>An account (a company); resolved from addresses in incoming mail after users and contacts.</summary>
[DataContract(Name = "account")]
[DataverseTable("account", "accounts", SchemaName = "Account")]
public sealed class Account : OwnedRecord, IEmailAddressable
{
    [DataMember(Name = "accountid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "name"), Required, MaxLength(160)]
    public string Name { get; set; } = "";

    [DataMember(Name = "emailaddress1"), MaxLength(100), EmailAddressColumn]
    public string? EmailAddress1 { get; set; }

    [DataMember(Name = "emailaddress2"), MaxLength(100), EmailAddressColumn]
    public string? EmailAddress2 { get; set; }

    [DataMember(Name = "emailaddress3"), MaxLength(100), EmailAddressColumn]
    public string? EmailAddress3 { get; set; }

    [DataMember(Name = "statecode"), OptionSet(typeof(Email.ActiveState))]
    public int StateCode { get; set; }
}
