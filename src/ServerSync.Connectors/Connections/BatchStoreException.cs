namespace ServerSync.Connectors.Connections;

/// <summary>
/// Carries a failure of the caller's store step through the session, so it is never mistaken for a mail
/// server error (an IOException of the store is not a lost connection); <see cref="MailSessionRunner"/> rethrows the original.
/// </summary>
internal sealed class BatchStoreException(Exception inner) : Exception(inner.Message, inner);
