using ServerSync.Connectors.Abstractions;

namespace ServerSync.Engine.Scheduling;

/// <summary>
/// When a mailbox wants its next cycle, and how to wait for new mail meanwhile: <see cref="Idle"/> is set
/// when the incoming server can push (IMAP IDLE) so new mail is picked up at once instead of at the next poll.
/// </summary>
public sealed record CycleOutcome(DateTimeOffset? NextRunAt, IdleTarget? Idle)
{
    /// <summary>The mailbox is not processed (inactive, disabled, no profile): no further cycle until something changes.</summary>
    public static CycleOutcome Stopped { get; } = new(null, null);
}

/// <param name="State">The sync state the cycle stored: mail the wait finds past it is new.</param>
public sealed record IdleTarget(IIncomingConnector Connector, MailServerEndpoint Endpoint, string? State);
