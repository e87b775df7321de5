namespace ServerSync.Server.DataProtection;

/// <summary>The 256-bit key of <see cref="KeyProtectionOptions.KeyEncryptionKey"/>, decoded.</summary>
public sealed record KeyEncryptionKey(byte[] Bytes);
