using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Security;

/// <summary>
/// A user's own settings, one row per user keyed by the user's id (Dataverse's usersettings). The row is owned by its
/// user, so Basic depth reaches one's own settings only.
/// </summary>
[DataContract(Name = "usersettings")]
[DataverseTable("usersettings", "usersettingscollection", SchemaName = "UserSettings")]
public sealed class UserSettings : OwnedRecord
{
    [DataMember(Name = "systemuserid")]
    public override Guid Id { get; set; }

    /// <summary>"Allow other users to send email on your behalf": their consent to be the From of email others send (with prvSendAsUser).</summary>
    [DataMember(Name = "issendasallowed")]
    public bool IsSendAsAllowed { get; set; }

    /// <summary>The settings row a new user starts with: no consent to send-as.</summary>
    public static UserSettings For(SystemUser user, DateTimeOffset now) => new()
    {
        Id = user.Id, EnvironmentId = user.EnvironmentId, OwnerId = user.Id, OwnerIdType = "systemuser",
        OwningBusinessUnitId = user.BusinessUnitId, CreatedOn = now, ModifiedOn = now,
    };
}
