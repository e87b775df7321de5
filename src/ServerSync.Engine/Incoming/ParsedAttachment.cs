namespace ServerSync.Engine.Incoming;

/// <summary>An attachment as received, already decoded from its transfer encoding.</summary>
public sealed record ParsedAttachment(string? FileName, string MimeType, string? ContentId, byte[] Content);
