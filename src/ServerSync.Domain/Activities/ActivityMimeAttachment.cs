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

    /// <summary>The content in base64, as Dataverse shows and takes it; kept as bytes in <see cref="Content"/>.</summary>
    [DataMember(Name = "body"), ComputedColumn]
    public string Body
    {
        get => Convert.ToBase64String(Content);
        set => Content = TryDecode(value) ?? throw new FormatException("body must be the file content in base64.");
    }

    /// <summary>
    /// The file's bytes, stored as such (column <c>body</c>): the engine writes decoded attachments without a base64 round
    /// trip, and they take three quarters of the space.
    /// </summary>
    public byte[] Content { get; set; } = [];

    /// <summary>The bytes of a base64 string, or null when it is not valid base64.</summary>
    public static byte[]? TryDecode(string base64)
    {
        var buffer = new byte[base64.Length / 4 * 3 + 3];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }

    [DataMember(Name = "attachmentcontentid"), MaxLength(256)]
    public string? ContentId { get; set; }
}
