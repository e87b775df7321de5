namespace ServerSync.Engine.Outgoing;

/// <summary>What one send pass did: emails that reached Sent, and emails the server refused for good (now Failed).</summary>
public sealed record SendResult(int Sent, int Rejected);
