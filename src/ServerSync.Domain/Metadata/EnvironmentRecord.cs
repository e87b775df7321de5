using System.Runtime.Serialization;

namespace ServerSync.Domain.Metadata;

/// <summary>A row that belongs to exactly one environment; the environment id is never exposed.</summary>
[DataContract]
public abstract class EnvironmentRecord
{
    public Guid EnvironmentId { get; set; }

    /// <summary>Row version behind <c>@odata.etag</c>; bumped on every update.</summary>
    [DataMember(Name = "versionnumber"), ReadOnlyColumn]
    public long VersionNumber { get; set; } = 1;

    [DataMember(Name = "createdon"), ReadOnlyColumn]
    public DateTimeOffset CreatedOn { get; set; }

    [DataMember(Name = "modifiedon"), ReadOnlyColumn]
    public DateTimeOffset ModifiedOn { get; set; }

    /// <summary>The primary key, whatever the table calls it.</summary>
    public abstract Guid Id { get; set; }
}

/// <summary>A user- or team-owned row: privilege depth is measured against owner and business unit.</summary>
[DataContract]
public abstract class OwnedRecord : EnvironmentRecord
{
    [DataMember(Name = "_ownerid_value"), Lookup("ownerid", typeof(Security.SystemUser), typeof(Security.Team), TypeProperty = nameof(OwnerIdType))]
    public Guid OwnerId { get; set; }

    /// <summary>systemuser or team.</summary>
    public string OwnerIdType { get; set; } = "systemuser";

    [DataMember(Name = "_owningbusinessunit_value"), ReadOnlyColumn]
    public Guid OwningBusinessUnitId { get; set; }
}
