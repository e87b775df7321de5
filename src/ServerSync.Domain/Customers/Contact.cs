using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Customers;

/// <summary>A contact: a person the CRM tracks mail with; resolved from addresses in incoming mail.</summary>
[DataContract(Name = "contact")]
[DataverseTable("contact", "contacts", SchemaName = "Contact")]
public sealed class Contact : OwnedRecord, IEmailAddressable
{
    [DataMember(Name = "contactid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "firstname"), MaxLength(50)]
    public string? FirstName { get; set; }

    [DataMember(Name = "lastname"), MaxLength(50)]
    public string? LastName { get; set; }

    [DataMember(Name = "fullname"), MaxLength(160)]
    public string? FullName { get; set; }

    [DataMember(Name = "emailaddress1"), MaxLength(100), EmailAddressColumn]
    public string? EmailAddress1 { get; set; }

    [DataMember(Name = "emailaddress2"), MaxLength(100), EmailAddressColumn]
    public string? EmailAddress2 { get; set; }

    [DataMember(Name = "emailaddress3"), MaxLength(100), EmailAddressColumn]
    public string? EmailAddress3 { get; set; }

    [DataMember(Name = "statecode"), OptionSet(typeof(Email.ActiveState))]
    public int StateCode { get; set; }
}
