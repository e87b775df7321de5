namespace ServerSync.Connectors.Tests.Infrastructure.Replay;

/// <summary>The client did not follow a <see cref="Transcript"/>: what it sent instead, where.</summary>
internal sealed class TranscriptMismatchException(string message, Exception? clientError)
    : Exception(clientError is null ? message : $"{message}{Environment.NewLine}(the client then failed: {clientError.Message})", clientError);
