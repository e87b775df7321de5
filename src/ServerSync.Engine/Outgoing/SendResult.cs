namespace ServerSync.Engine.Outgoing;

/// <summary>What one send pass did: emails that reached Sent, and emails that failed for good (refused by the server, or not composable; now Failed).</summary>
public sealed record SendResult(int Sent, int Failed);
