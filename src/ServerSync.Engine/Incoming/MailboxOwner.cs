using ServerSync.Domain.Email;

namespace ServerSync.Engine.Incoming;

/// <summary>The user or queue a mailbox belongs to, with the filtering method that decides what it tracks.</summary>
public sealed record MailboxOwner(string Type, Guid Id, IncomingFilteringMethod FilteringMethod);
