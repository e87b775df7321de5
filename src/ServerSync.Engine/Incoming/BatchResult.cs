namespace ServerSync.Engine.Incoming;

/// <summary>What one batch did: activities created, messages already tracked, filtered out, and unreadable.</summary>
public sealed record BatchResult(int Created, int AlreadyTracked, int Filtered, int Failed)
{
    public int Processed => Created + AlreadyTracked + Filtered;
}
