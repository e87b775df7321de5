namespace ServerSync.Connectors.Connections;

/// <summary>
/// Carries a failure of the caller's code (a batch handler's prepare or store, the step before an SMTP transfer) through the session, so it is never
/// mistaken for a mail server error (an IOException of the store is not a lost connection);
/// <see cref="MailSessionRunner"/> rethrows the original.
/// </summary>
internal sealed class BatchHandlerException(Exception inner) : Exception(inner.Message, inner);
