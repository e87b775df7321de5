using ServerSync.Domain.Email;

namespace ServerSync.Domain.Activities;

/// <summary>The organization's attachment limits: blockedattachments (extensions) and maxuploadfilesize (KB).</summary>
public sealed class AttachmentPolicy(Organization org)
{
    private readonly HashSet<string> _blocked = org.BlockedAttachments
        .Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(e => e.TrimStart('.').ToLowerInvariant()).ToHashSet();

    public bool IsBlocked(string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "").TrimStart('.').ToLowerInvariant();
        return extension.Length > 0 && _blocked.Contains(extension);
    }

    public bool IsTooLarge(long bytes) => org.MaxUploadFileSize > 0 && bytes > org.MaxUploadFileSize * 1024L;
}
