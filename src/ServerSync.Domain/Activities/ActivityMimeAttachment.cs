using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using ServerSync.Domain.Metadata;

namespace ServerSync.Domain.Activities;

/// <summary>A file attached to an email; <c>body</c> is the content in base64, as in Dataverse.</summary>
[DataContract(Name = "activitymimeattachment")]
[DataverseTable("activitymimeattachment", "activitymimeattachments", SchemaName = "Activity")]
public sealed class ActivityMimeAttachment : OwnedRecord
{
    [DataMember(Name = "activitymimeattachmentid")]
    public override Guid Id { get; set; }

    [DataMember(Name = "_objectid_value"), Lookup("objectid", typeof(EmailActivity))]
    public Guid ObjectId { get; set; }

    [DataMember(Name = "objecttypecode"), ReadOnlyColumn]
    public string ObjectTypeCode { get; set; } = "email";

    [DataMember(Name = "filename"), MaxLength(255)]
    public string FileName { get; set; } = "";

    [DataMember(Name = "mimetype"), MaxLength(256)]
    public string MimeType { get; set; } = "application/octet-stream";

    [DataMember(Name = "filesize"), ReadOnlyColumn]
    public int FileSize { get; set; }

    [DataMember(Name = "body")]
    public string Body { get; set; } = "";

    [DataMember(Name = "attachmentcontentid"), MaxLength(256)]
    public string? ContentId { get; set; }
}
