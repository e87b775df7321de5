namespace ServerSync.Connectors.Tests.Infrastructure;

/// <summary>A mailbox on the test stack: its address is also its login.</summary>
internal sealed record TestMailbox(string Address, string Password);
