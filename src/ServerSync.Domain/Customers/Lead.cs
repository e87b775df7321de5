using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Customers;

/// <summary>A lead (a prospect); resolved from addresses after users, contacts and accounts.</summary>
[DataContract(Name = "lead")]
[DataverseTable("lead", "leads", SchemaName = "Lead")]
public sealed class Lead : OwnedRecord, IEmailAddressable
{
    [DataMember(Name = "leadid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "subject"), MaxLength(300)]
    public string? Subject { get; set; }

    [DataMember(Name = "firstname"), MaxLength(50)]
    public string? FirstName { get; set; }

    [DataMember(Name = "lastname"), MaxLength(50)]
    public string? LastName { get; set; }

    [DataMember(Name = "fullname"), MaxLength(160)]
    public string? FullName { get; set; }

    [DataMember(Name = "companyname"), MaxLength(100)]
    public string? CompanyName { get; set; }

    [DataMember(Name = "emailaddress1"), MaxLength(100), EmailAddressColumn]
    public string? EmailAddress1 { get; set; }

    [DataMember(Name = "emailaddress2"), MaxLength(100), EmailAddressColumn]
    public string? EmailAddress2 { get; set; }

    [DataMember(Name = "emailaddress3"), MaxLength(100), EmailAddressColumn]
    public string? EmailAddress3 { get; set; }

    [DataMember(Name = "statecode"), OptionSet(typeof(Email.ActiveState))]
    public int StateCode { get; set; }
}
