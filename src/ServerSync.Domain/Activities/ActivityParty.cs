using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Activities;

/// <summary>A sender or recipient of an email: a resolved record (partyid) or just the address used.</summary>
[DataContract(Name = "activityparty")]
[DataverseTable("activityparty", "activityparties", SchemaName = "Activity")]
public sealed class ActivityParty : OwnedRecord
{
    [DataMember(Name = "activitypartyid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "_activityid_value"), ReadOnlyColumn]
    public Guid ActivityId { get; set; }

    [DataMember(Name = "participationtypemask"), OptionSet(typeof(ParticipationType))]
    public int ParticipationTypeMask { get; set; }

    [DataMember(Name = "_partyid_value"),
     Lookup("partyid", typeof(Customers.Contact), typeof(Customers.Account), typeof(Customers.Lead), typeof(global::ServerSync.Domain.Email.Queue), typeof(Security.SystemUser), TypeProperty = nameof(PartyObjectTypeCode))]
    public Guid? PartyId { get; set; }

    [DataMember(Name = "partyobjecttypecode"), ReadOnlyColumn]
    public string? PartyObjectTypeCode { get; set; }

    [DataMember(Name = "addressused"), MaxLength(320), EmailAddressColumn]
    public string? AddressUsed { get; set; }
}
