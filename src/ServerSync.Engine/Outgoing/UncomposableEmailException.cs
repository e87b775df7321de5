namespace ServerSync.Engine.Outgoing;

/// <summary>
/// The email itself can't be turned into MIME (an attachment's MIME type or a party's address doesn't parse): that
/// email fails, not its mailbox.
/// </summary>
public sealed class UncomposableEmailException(string reason, Exception? inner = null) : Exception(reason, inner);
